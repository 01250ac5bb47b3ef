package dev.tavern.scheduler.event;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A candidate time slot, as UTC instants (ISO-8601). Bounded to what a game session can be: it starts after
 * 2000-01-01 and at most 10 years from now, and lasts up to 14 days; anything else is a 400 naming the field, never
 * a value the database cannot hold.
 */
public record SlotRequest(
        @NotNull(message = "Start is required") Instant start,
        @NotNull(message = "End is required") Instant end) {

    static final Instant EARLIEST_START = Instant.parse("2000-01-01T00:00:00Z");
    static final int MAX_YEARS_AHEAD = 10;
    static final Duration MAX_LENGTH = Duration.ofDays(14);

    @AssertTrue(message = "Must be after 2000-01-01 and at most 10 years from now")
    @Schema(hidden = true)
    public boolean isStart() {
        return start == null || start.isAfter(EARLIEST_START)
                && !start.isAfter(ZonedDateTime.now(ZoneOffset.UTC).plusYears(MAX_YEARS_AHEAD).toInstant());
    }

    @AssertTrue(message = "Must be after start, and at most 14 days after it")
    @Schema(hidden = true)
    public boolean isEnd() {
        return start == null || end == null || end.isAfter(start) && !end.isAfter(start.plus(MAX_LENGTH));
    }
}
