package dev.tavern.scheduler.topic;

import java.time.Instant;
import java.util.List;

/**
 * The value of a record on {@code tavern.scheduling.events.v1}; see docs/contracts for the contract.
 * The finalized fields are set for FINALIZED and UPDATED, and null otherwise.
 */
public record SchedulingEventMessage(
        String type,
        long eventId,
        String tenantId,
        String slug,
        String link,
        String title,
        String fromUrl,
        String fromUrlId,
        String status,
        FinalizedSlot finalizedSlot,
        List<String> attendees,
        List<String> waitlist,
        String location,
        Instant occurredAt) {

    public record FinalizedSlot(long id, Instant startTime, Instant endTime) {
    }
}
