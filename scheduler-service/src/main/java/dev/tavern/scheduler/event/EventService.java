package dev.tavern.scheduler.event;

import java.time.Instant;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.rest.errors.ApiException;
import dev.tavern.scheduler.SchedulerConfig;
import dev.tavern.scheduler.topic.SchedulingEvents;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class EventService {

    private final SchedulingEvents schedulingEvents;
    private final SchedulerConfig config;

    EventService(SchedulingEvents schedulingEvents, SchedulerConfig config) {
        this.schedulingEvents = schedulingEvents;
        this.config = config;
    }

    /** Creates the event and announces it, in one transaction. */
    @WithTransaction
    public Uni<CreatedEvent> create(CreateEventRequest request) {
        String hostToken = HostTokens.newToken();
        Event event = newEvent(request, hostToken);
        return event.<Event>persist()
                .call(schedulingEvents::created)
                .map(created -> new CreatedEvent(created.id, created.slug, created.title,
                        schedulingEvents.linkTo(created), hostToken));
    }

    private Event newEvent(CreateEventRequest request, String hostToken) {
        Instant now = Instant.now();
        Event event = new Event();
        event.tenantId = config.defaultTenant();
        event.slug = HostTokens.newSlug();
        event.title = request.title().strip();
        event.description = request.description();
        event.minPlayers = request.effectiveMinPlayers();
        event.maxPlayers = request.maxPlayers();
        event.timezone = validTimezone(request.timezone());
        event.fromUrl = blankToNull(request.fromUrl());
        event.fromUrlId = blankToNull(request.fromUrlId());
        event.hostTokenHash = HostTokens.hash(hostToken);
        event.status = EventStatus.VOTING;
        event.createdAt = now;
        event.updatedAt = now;
        return event;
    }

    private static String validTimezone(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return "UTC";
        }
        try {
            return ZoneId.of(timezone).getId();
        } catch (java.time.DateTimeException e) {
            throw ApiException.invalid("timezone", "Is not an IANA timezone");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
