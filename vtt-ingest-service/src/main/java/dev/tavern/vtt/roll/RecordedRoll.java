package dev.tavern.vtt.roll;

import java.util.UUID;

import dev.tavern.vtt.ratelimit.ApiKeyRateLimits.Window;

/** The outcome of recording a roll: its Tavern id, whether the VTT had sent it before, and the key's rate-limit window. */
public record RecordedRoll(UUID id, boolean duplicate, Window window) {
}
