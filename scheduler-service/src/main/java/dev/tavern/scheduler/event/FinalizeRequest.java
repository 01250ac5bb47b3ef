package dev.tavern.scheduler.event;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record FinalizeRequest(
        @NotNull(message = "Slot is required") Long slotId,
        @Size(max = EventLimits.MAX_LOCATION) String location) {
}
