package dev.tavern.vtt.roll;

import java.util.UUID;

import dev.tavern.http.ratelimit.RateLimitWindow;

/** The outcome of recording a roll: its Tavern id, whether the VTT had sent it before, and the key's window it counted in. */
public record RecordedRoll(UUID id, boolean duplicate, RateLimitWindow window) {
}
