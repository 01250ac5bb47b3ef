package dev.tavern.scheduler.event;

import jakarta.validation.constraints.Size;

public record LocationRequest(@Size(max = EventLimits.MAX_LOCATION) String location) {
}
