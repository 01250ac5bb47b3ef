package dev.tavern.scheduler.topic;

import java.time.Instant;

/** The value of a record on {@code tavern.scheduling.events.v1}; see docs/contracts for the contract. */
public record SchedulingEventMessage(
        String type,
        long eventId,
        String tenantId,
        String slug,
        String link,
        String title,
        String fromUrl,
        String fromUrlId,
        Instant occurredAt) {
}
