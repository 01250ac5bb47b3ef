package dev.tavern.scheduler.topic;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.scheduler.event.EventState;
import dev.tavern.scheduler.roster.Roster;
import dev.tavern.scheduler.tenant.TenantContext;
import dev.tavern.scheduler.topic.SchedulingEventMessage.FinalizedSlot;
import io.smallrye.mutiny.Uni;

/**
 * Announces what happens to events on {@code tavern.scheduling.events.v1}, through the outbox,
 * in the transaction that made the change.
 */
@ApplicationScoped
public class SchedulingEvents {

    public static final String TOPIC = "tavern.scheduling.events.v1";

    public enum Type {
        CREATED,
        FINALIZED,
        /** The finalized event changed: attendees and waitlist (a seat freed), or location. */
        UPDATED,
        CANCELLED
    }

    private final HibernateOutbox outbox;

    SchedulingEvents(HibernateOutbox outbox) {
        this.outbox = outbox;
    }

    public Uni<UUID> announce(Type type, EventState state, TenantContext tenant) {
        var event = state.event();
        FinalizedSlot slot = null;
        Roster roster = null;
        if (type == Type.FINALIZED || type == Type.UPDATED) {
            slot = state.finalizedSlot().map(s -> new FinalizedSlot(s.id, s.startTime, s.endTime)).orElseThrow();
            roster = state.finalRoster().orElseThrow();
        }
        SchedulingEventMessage message = new SchedulingEventMessage(type.name(), event.id, event.tenantId, event.slug,
                tenant.link("/e/" + event.slug), event.title, event.fromUrl, event.fromUrlId, event.status.name(),
                slot, roster == null ? null : roster.attendees(), roster == null ? null : roster.waitlist(),
                roster == null ? null : event.location, Instant.now());
        return outbox.enqueue(TOPIC, event.id.toString(), "tavern.scheduling.event." + type.name().toLowerCase(Locale.ROOT), message);
    }
}
