package dev.tavern.load.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.tavern.load.RollJoin;

/** Frames as the gateway writes them, for the ceiling to send, and waiting for frames to arrive. */
final class Frames {

    private Frames() {
    }

    /** A frame of the gateway's shape and size, carrying {@code id} as its roll id. */
    static String diceRoll(UUID id, long offset) {
        return "{\"type\":\"dice:roll\",\"offset\":" + offset + ",\"position\":\"" + offset + "." + offset + "." + offset
                + "\",\"data\":{\"id\":\"" + id
                + "\",\"characterName\":\"Hero char-1\",\"rollFormula\":\"1d20+5\",\"result\":18,\"diceResults\":[13],"
                + "\"isCritical\":false,\"criticalType\":null,\"isHidden\":false,\"rollType\":null,\"timestamp\":\""
                + Instant.now() + "\"}}";
    }

    /** Waits until the join matched {@code expected} frames, or {@code atMost} has passed; answers the matched count. */
    static long await(RollJoin join, long expected, Duration atMost) throws InterruptedException {
        Instant deadline = Instant.now().plus(atMost);
        while (join.matched() < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        return join.matched();
    }
}
