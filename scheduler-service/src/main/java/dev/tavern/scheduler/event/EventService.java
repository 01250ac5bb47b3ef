package dev.tavern.scheduler.event;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.http.errors.ApiException;
import dev.tavern.http.outbound.RefusedTargetException;
import dev.tavern.http.outbound.TargetGuard;
import dev.tavern.http.security.Secrets;
import dev.tavern.scheduler.event.EventViews.EventView;
import dev.tavern.scheduler.event.EventViews.HostEventView;
import dev.tavern.scheduler.roster.Roster;
import dev.tavern.scheduler.tenant.TenantContext;
import dev.tavern.scheduler.tenant.TenantResolver;
import dev.tavern.scheduler.topic.SchedulingEvents;
import dev.tavern.scheduler.topic.SchedulingEvents.Type;
import dev.tavern.scheduler.vote.Participant;
import dev.tavern.scheduler.vote.Vote;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Events and what their hosts do with them; every change commits with the record that announces it. */
@ApplicationScoped
public class EventService {

    private final EventStore store;
    private final TenantResolver tenants;
    private final SchedulingEvents schedulingEvents;
    private final TargetGuard targets;

    EventService(EventStore store, TenantResolver tenants, SchedulingEvents schedulingEvents, TargetGuard targets) {
        this.store = store;
        this.tenants = tenants;
        this.schedulingEvents = schedulingEvents;
        this.targets = targets;
    }

    /**
     * Creates the event and announces it, in one transaction. A fromUrl that resolves to a
     * non-public address is refused first (400); one that does not resolve yet is accepted,
     * since every delivery attempt checks it again.
     */
    public Uni<CreatedEvent> create(String host, CreateEventRequest request) {
        String hostToken = Secrets.random(32);
        return Uni.createFrom().item(() -> newEvent(request, hostToken))
                .flatMap(event -> vetTarget(event.fromUrl).flatMap(vetted -> Panache.withTransaction(() -> persistNew(host, event, request, hostToken))));
    }

    private Uni<Void> vetTarget(String fromUrl) {
        if (fromUrl == null) {
            return Uni.createFrom().voidItem();
        }
        return targets.resolve(fromUrl).replaceWithVoid()
                .onFailure(RefusedTargetException.class).recoverWithUni(failure -> ((RefusedTargetException) failure).unresolved()
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(ApiException.invalid("fromUrl", failure.getMessage())));
    }

    private Uni<CreatedEvent> persistNew(String host, Event event, CreateEventRequest request, String hostToken) {
        return tenants.resolve(host).flatMap(tenant -> {
            event.tenantId = tenant.id();
            return event.persist()
                    .flatMap(saved -> persistSlots(event, request.slotsOrEmpty()))
                    .flatMap(slots -> schedulingEvents.announce(Type.CREATED, new EventState(event, slots, List.of(), List.of()), tenant))
                    .map(announced -> new CreatedEvent(event.id, event.slug, event.title, tenant.link("/e/" + event.slug), hostToken));
        });
    }

    @WithSession
    public Uni<EventView> view(String host, String slug) {
        return loadIn(host, slug).map(LoadedEvent::view);
    }

    @WithSession
    public Uni<HostEventView> hostView(String host, String slug, String hostToken) {
        return loadIn(host, slug).map(loaded -> loaded.hostView(hostToken));
    }

    /** The event with its tenant, for callers that need several views of it from one read. */
    @WithSession
    public Uni<LoadedEvent> load(String host, String slug) {
        return loadIn(host, slug);
    }

    private Uni<LoadedEvent> loadIn(String host, String slug) {
        return tenants.resolve(host).flatMap(tenant -> store.load(tenant, slug).map(state -> new LoadedEvent(tenant, state)));
    }

    @WithTransaction
    public Uni<EventView> addSlot(String host, String slug, String hostToken, SlotRequest request) {
        return hostChange(host, slug, hostToken, (tenant, state) -> {
            requireVoting(state);
            if (state.slots().size() >= EventLimits.MAX_SLOTS) {
                throw ApiException.conflict("An event has at most " + EventLimits.MAX_SLOTS + " time slots");
            }
            return persistSlots(state.event(), List.of(request)).replaceWithVoid();
        });
    }

    /** New times invalidate the answers given for the old ones. */
    @WithTransaction
    public Uni<EventView> changeSlot(String host, String slug, String hostToken, long slotId, SlotRequest request) {
        return hostChange(host, slug, hostToken, (tenant, state) -> {
            requireVoting(state);
            TimeSlot slot = slotOf(state, slotId);
            slot.startTime = request.start();
            slot.endTime = request.end();
            return Vote.delete("slotId", slot.id).replaceWithVoid();
        });
    }

    @WithTransaction
    public Uni<EventView> removeSlot(String host, String slug, String hostToken, long slotId) {
        return hostChange(host, slug, hostToken, (tenant, state) -> {
            requireVoting(state);
            return slotOf(state, slotId).delete();
        });
    }

    @WithTransaction
    public Uni<EventView> finalizeEvent(String host, String slug, String hostToken, FinalizeRequest request) {
        return hostChange(host, slug, hostToken, (tenant, state) -> {
            requireVoting(state);
            TimeSlot slot = state.slot(request.slotId())
                    .orElseThrow(() -> ApiException.conflict("Slot " + request.slotId() + " is not a slot of this event"));
            Event event = state.event();
            event.status = EventStatus.FINALIZED;
            event.finalizedSlotId = slot.id;
            event.location = blankToNull(request.location());
            event.finalizedAt = Instant.now();
            return schedulingEvents.announce(Type.FINALIZED, state, tenant).replaceWithVoid();
        });
    }

    @WithTransaction
    public Uni<EventView> changeLocation(String host, String slug, String hostToken, LocationRequest request) {
        return hostChange(host, slug, hostToken, (tenant, state) -> {
            if (state.event().status != EventStatus.FINALIZED) {
                throw ApiException.conflict("Only a finalized event has a location to change");
            }
            state.event().location = blankToNull(request.location());
            state.event().calendarSequence++;
            return schedulingEvents.announce(Type.UPDATED, state, tenant).replaceWithVoid();
        });
    }

    @WithTransaction
    public Uni<EventView> cancel(String host, String slug, String hostToken) {
        return hostChange(host, slug, hostToken, (tenant, state) -> {
            Event event = state.event();
            if (event.status == EventStatus.CANCELLED) {
                throw ApiException.conflict("The event is already cancelled");
            }
            event.status = EventStatus.CANCELLED;
            event.cancelledAt = Instant.now();
            event.calendarSequence++;
            return schedulingEvents.announce(Type.CANCELLED, state, tenant).replaceWithVoid();
        });
    }

    @WithTransaction
    public Uni<EventView> removeParticipant(String host, String slug, String hostToken, long participantId) {
        return hostChange(host, slug, hostToken, (tenant, state) -> {
            Participant participant = state.participants().stream().filter(p -> p.id == participantId).findFirst()
                    .orElseThrow(() -> ApiException.notFound("Participant not found", "No participant " + participantId + " in this event"));
            return leave(state, participant, tenant);
        });
    }

    /**
     * Someone leaves: their answers go with them. Once the event is finalized, a freed seat
     * promotes the head of the waitlist, which downstream systems hear about as UPDATED.
     */
    public Uni<Void> leave(EventState state, Participant participant, TenantContext tenant) {
        if (state.event().status == EventStatus.CANCELLED) {
            throw ApiException.conflict("The event is cancelled");
        }
        Optional<Roster> before = state.finalRoster();
        EventState after = new EventState(state.event(), state.slots(),
                state.participants().stream().filter(p -> !p.id.equals(participant.id)).toList(),
                state.votes().stream().filter(v -> !v.participantId.equals(participant.id)).toList());
        return participant.delete()
                .flatMap(deleted -> before.isPresent() && !before.equals(after.finalRoster())
                        ? schedulingEvents.announce(Type.UPDATED, after, tenant).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    private Uni<EventView> hostChange(String host, String slug, String hostToken, Change change) {
        return tenants.resolve(host).flatMap(tenant -> store.loadForUpdate(tenant, slug)
                .flatMap(state -> {
                    EventStore.requireHost(state.event(), hostToken);
                    state.event().updatedAt = Instant.now();
                    return change.apply(tenant, state);
                })
                .flatMap(changed -> Panache.flush())
                .flatMap(flushed -> store.load(tenant, slug))
                .map(state -> state.view(tenant)));
    }

    @FunctionalInterface
    private interface Change {
        Uni<Void> apply(TenantContext tenant, EventState state);
    }

    private static void requireVoting(EventState state) {
        switch (state.event().status) {
            case FINALIZED -> throw ApiException.conflict("The event is already finalized");
            case CANCELLED -> throw ApiException.conflict("The event is cancelled");
            default -> { }
        }
    }

    private static TimeSlot slotOf(EventState state, long slotId) {
        return state.slot(slotId).orElseThrow(() -> ApiException.notFound("Slot not found", "No slot " + slotId + " in this event"));
    }

    private static Uni<List<TimeSlot>> persistSlots(Event event, List<SlotRequest> requests) {
        List<TimeSlot> slots = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (SlotRequest request : requests) {
            TimeSlot slot = new TimeSlot();
            slot.eventId = event.id;
            slot.startTime = request.start();
            slot.endTime = request.end();
            slots.add(slot);
            chain = chain.flatMap(previous -> slot.persist().replaceWithVoid());
        }
        return chain.replaceWith(slots);
    }

    private static Event newEvent(CreateEventRequest request, String hostToken) {
        Instant now = Instant.now();
        Event event = new Event();
        // 96 random bits in 16 URL-safe characters: unguessable, short enough to share.
        event.slug = Secrets.random(12);
        event.title = request.title().strip();
        event.description = blankToNull(request.description());
        event.minPlayers = request.effectiveMinPlayers();
        event.maxPlayers = request.maxPlayers();
        // Validated with the request: an unknown name never gets here.
        event.timezone = CreateEventRequest.zoneOf(request.timezone()).map(ZoneId::getId).orElseThrow();
        event.fromUrl = FromUrls.validated(request.fromUrl());
        event.fromUrlId = blankToNull(request.fromUrlId());
        event.hostTokenHash = Secrets.hash(hostToken);
        event.status = EventStatus.VOTING;
        event.createdAt = now;
        event.updatedAt = now;
        return event;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
