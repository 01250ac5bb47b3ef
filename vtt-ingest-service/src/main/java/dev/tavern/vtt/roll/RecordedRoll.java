package dev.tavern.vtt.roll;

import java.util.UUID;

/** The outcome of recording a roll: its Tavern id, and whether the VTT had sent it before. */
public record RecordedRoll(UUID id, boolean duplicate) {
}
