package dev.tavern.scheduler.event;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a host submits to create an event; the guide's {@code /new} parameters plus the event's timezone. */
public record CreateEventRequest(
        @NotBlank(message = "Title is required") @Size(max = EventLimits.MAX_TITLE) String title,
        @Size(max = EventLimits.MAX_DESCRIPTION) String description,
        @Schema(defaultValue = "3") @Min(1) @Max(1000) Integer minPlayers,
        @Min(1) @Max(1000) Integer maxPlayers,
        @Schema(description = "IANA timezone the event is displayed in", defaultValue = "UTC") @Size(max = 64) String timezone,
        @Schema(description = "Where Tavern POSTs this event's webhooks") @Size(max = 2048) String fromUrl,
        @Schema(description = "The caller's own id for this event, echoed in webhooks") @Size(max = 200) String fromUrlId,
        @Schema(description = "Candidate time slots; more can be added while voting is open")
        @Size(max = EventLimits.MAX_SLOTS) List<@NotNull @Valid SlotRequest> slots) {

    static final int DEFAULT_MIN_PLAYERS = 3;
    private static final ZoneId UTC = ZoneId.of("UTC");

    List<SlotRequest> slotsOrEmpty() {
        return slots == null ? List.of() : slots;
    }

    int effectiveMinPlayers() {
        return minPlayers == null ? DEFAULT_MIN_PLAYERS : minPlayers;
    }

    /** The IANA timezone named, UTC when none is; empty when the name is not one. */
    public static Optional<ZoneId> zoneOf(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return Optional.of(UTC);
        }
        try {
            return Optional.of(ZoneId.of(timezone.strip()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    @AssertTrue(message = "Is not an IANA timezone")
    @Schema(hidden = true)
    public boolean isTimezone() {
        return zoneOf(timezone).isPresent();
    }

    @AssertTrue(message = "Must not be less than minPlayers")
    @Schema(hidden = true)
    public boolean isMaxPlayers() {
        return maxPlayers == null || maxPlayers >= effectiveMinPlayers();
    }
}
