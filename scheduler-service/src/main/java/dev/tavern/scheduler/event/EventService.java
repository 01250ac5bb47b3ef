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
import dev.tavern.scheduler.security.EventCaller;
import dev.tavern.scheduler.tenant.RequestTenant;
import dev.tavern.scheduler.tenant.TenantContext;
import dev.tavern.scheduler.topic.SchedulingEvents.Type;
import dev.tavern.scheduler.topic.SchedulingEvents;
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
    private final RequestTenant requestTenant;
    private final EventCaller caller;
    private final SchedulingEvents schedulingEvents;
    private final TargetGuard targets;

    EventService(EventStore store, RequestTenant requestTenant, EventCaller caller, SchedulingEvents schedulingEvents, TargetGuard targets) {
        this.store = store;
        this.requestTenant = requestTenant;
        this.caller = caller;
        this.schedulingEvents = schedulingEvents;
        this.targets = targets;
    }

    /**
     * Creates the event and announces it, in one transaction. A fromUrl that resolves to a
     * non-public address is refused first (400); one that does not resolve yet is accepted,
     * since every delivery attempt checks it again.
     */
    public Uni<CreatedEvent> create(CreateEventRequest request) {
        String hostToken = Secrets.random(32);
        return Uni.createFrom().item(() -> newEvent(request, hostToken))
                .flatMap(event -> vetTarget(event.fromUrl).flatMap(vetted -> persistNew(event, request, hostToken)));
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

    /** Not private: the call from {@link #create} goes through the interceptors (ArC intercepts self-invocation). */
    @WithTransaction
    Uni<CreatedEvent> persistNew(Event event, CreateEventRequest request, String hostToken) {
        return requestTenant.get().flatMap(tenant -> {
            event.tenantId = tenant.id();
            return event.persist()
                    .flatMap(saved -> persistSlots(event, request.slotsOrEmpty()))
                    .flatMap(slots -> schedulingEvents.announce(Type.CREATED, new EventState(event, slots, List.of(), List.of()), tenant))
                    .map(announced -> new CreatedEvent(event.id, event.slug, event.title, tenant.link("/e/" + event.slug), hostToken));
        });
    }

    @WithSession
    public Uni<EventView> view(String slug) {
        return loadIn(slug).map(LoadedEvent::view);
    }

    @WithSession
    public Uni<HostEventView> hostView(String slug) {
        return loadAsHostIn(slug).map(LoadedEvent::hostView);
    }

    /** The event with its tenant, for callers that need several views of it from one read. */
    @WithSession
    public Uni<LoadedEvent> load(String slug) {
        return loadIn(slug);
    }

    /** The same, once the caller has proven to be its host (401, 403). */
    @WithSession
    public Uni<LoadedEvent> loadAsHost(String slug) {
        return loadAsHostIn(slug);
    }

    private Uni<LoadedEvent> loadIn(String slug) {
        return requestTenant.get().flatMap(tenant -> store.load(tenant, slug).map(state -> new LoadedEvent(tenant, state)));
    }

    private Uni<LoadedEvent> loadAsHostIn(String slug) {
        return loadIn(slug).call(loaded -> caller.requireHostOf(loaded.state().event().hostTokenHash));
    }

    @WithTransaction
    public Uni<EventView> addSlot(String slug, SlotRequest request) {
        return hostChange(slug, (tenant, state) -> {
            requireVoting(state);
            if (state.slots().size() >= EventLimits.MAX_SLOTS) {
                throw ApiException.conflict("An event has at most " + EventLimits.MAX_SLOTS + " time slots");
            }
            return persistSlots(state.event(), List.of(request)).replaceWithVoid();
        });
    }

    /** New times invalidate the answers given for the old ones. */
    @WithTransaction
    public Uni<EventView> changeSlot(String slug, long slotId, SlotRequest request) {
        return hostChange(slug, (tenant, state) -> {
            requireVoting(state);
            TimeSlot slot = slotOf(state, slotId);
            slot.startTime = request.start();
            slot.endTime = request.end();
            return Vote.delete("slotId", slot.id).replaceWithVoid();
        });
    }

    @WithTransaction
    public Uni<EventView> removeSlot(String slug, long slotId) {
        return hostChange(slug, (tenant, state) -> {
            requireVoting(state);
            return slotOf(state, slotId).delete();
        });
    }

    @WithTransaction
    public Uni<EventView> finalizeEvent(String slug, FinalizeRequest request) {
        return hostChange(slug, (tenant, state) -> {
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
    public Uni<EventView> changeLocation(String slug, LocationRequest request) {
        return hostChange(slug, (tenant, state) -> {
            if (state.event().status != EventStatus.FINALIZED) {
                throw ApiException.conflict("Only a finalized event has a location to change");
            }
            state.event().location = blankToNull(request.location());
            state.event().calendarSequence++;
            return schedulingEvents.announce(Type.UPDATED, state, tenant).replaceWithVoid();
        });
    }

    @WithTransaction
    public Uni<EventView> cancel(String slug) {
        return hostChange(slug, (tenant, state) -> {
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
    public Uni<EventView> removeParticipant(String slug, long participantId) {
        return hostChange(slug, (tenant, state) -> {
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

    private Uni<EventView> hostChange(String slug, Change change) {
        return requestTenant.get().flatMap(tenant -> store.loadForUpdate(tenant, slug)
                .call(state -> caller.requireHostOf(state.event().hostTokenHash))
                .flatMap(state -> {
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
