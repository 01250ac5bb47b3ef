package dev.tavern.scheduler.event;

import java.time.Instant;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A candidate time slot, as UTC instants (ISO-8601). */
public record SlotRequest(
        @NotNull(message = "Start is required") Instant start,
        @NotNull(message = "End is required") Instant end) {

    @AssertTrue(message = "Must be after start")
    @Schema(hidden = true)
    public boolean isEnd() {
        return start == null || end == null || end.isAfter(start);
    }
}
