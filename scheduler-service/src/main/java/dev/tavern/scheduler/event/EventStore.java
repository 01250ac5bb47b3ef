package dev.tavern.scheduler.event;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.tavern.http.errors.ApiException;
import dev.tavern.scheduler.tenant.TenantContext;
import dev.tavern.scheduler.vote.Participant;
import dev.tavern.scheduler.vote.Vote;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;

/** Loads an event with everything hanging off it, within the caller's session. */
@ApplicationScoped
public class EventStore {

    /** For reading. An event of another tenant is as unknown as a missing one. */
    public Uni<EventState> load(TenantContext tenant, String slug) {
        return loadWith(Event.find("tenantId = ?1 and slug = ?2", tenant.id(), slug), slug);
    }

    /** For a change: the event row stays locked until commit, so changes to one event apply one at a time. */
    public Uni<EventState> loadForUpdate(TenantContext tenant, String slug) {
        return loadWith(Event.<Event>find("tenantId = ?1 and slug = ?2", tenant.id(), slug)
                .withLock(LockModeType.PESSIMISTIC_WRITE), slug);
    }

    private Uni<EventState> loadWith(PanacheQuery<Event> query, String slug) {
        return query.firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("Event not found", "No event with slug " + slug))
                .flatMap(event -> TimeSlot.<TimeSlot>list("eventId", event.id)
                        .flatMap(slots -> Participant.<Participant>list("eventId", event.id)
                                .flatMap(participants -> votesOf(slots)
                                        .map(votes -> new EventState(event, slots, participants, votes)))));
    }

    private static Uni<List<Vote>> votesOf(List<TimeSlot> slots) {
        if (slots.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Vote.list("slotId in ?1", slots.stream().map(s -> s.id).toList());
    }
}
