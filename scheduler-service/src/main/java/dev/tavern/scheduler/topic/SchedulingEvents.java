package dev.tavern.scheduler.topic;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.outbox.Outbox;
import dev.tavern.scheduler.SchedulerConfig;
import dev.tavern.scheduler.event.Event;
import io.smallrye.mutiny.Uni;

/** Announces what happens to events on {@code tavern.scheduling.events.v1}, through the outbox. */
@ApplicationScoped
public class SchedulingEvents {

    public static final String TOPIC = "tavern.scheduling.events.v1";

    private final Outbox outbox;
    private final SchedulerConfig config;

    SchedulingEvents(Outbox outbox, SchedulerConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    public Uni<UUID> created(Event event) {
        return announce("CREATED", event);
    }

    public String linkTo(Event event) {
        return config.publicBaseUrl().replaceAll("/+$", "") + "/e/" + event.slug;
    }

    private Uni<UUID> announce(String type, Event event) {
        SchedulingEventMessage message = new SchedulingEventMessage(type, event.id, event.tenantId, event.slug,
                linkTo(event), event.title, event.fromUrl, event.fromUrlId, Instant.now());
        return outbox.enqueue(TOPIC, event.id.toString(), "tavern.scheduling.event." + type.toLowerCase(), message);
    }
}
