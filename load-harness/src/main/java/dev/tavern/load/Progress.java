package dev.tavern.load;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** What the harness is doing, on the console, with the time: a run takes minutes. */
public final class Progress {

    private Progress() {
    }

    public static void say(String format, Object... args) {
        System.out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + String.format(format, args));
    }
}
