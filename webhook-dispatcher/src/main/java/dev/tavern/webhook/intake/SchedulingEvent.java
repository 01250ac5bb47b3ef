package dev.tavern.webhook.intake;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What the dispatcher reads of a {@code tavern.scheduling.events.v1} record; fields it does not need are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SchedulingEvent(
        String type,
        long eventId,
        String tenantId,
        String slug,
        String link,
        String title,
        String fromUrl,
        String fromUrlId,
        FinalizedSlot finalizedSlot,
        List<String> attendees,
        List<String> waitlist,
        String location,
        Instant occurredAt) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FinalizedSlot(long id, Instant startTime, Instant endTime) {
    }
}
