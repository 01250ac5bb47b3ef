package dev.tavern.load.drill;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A drill's own log, {@code drill-<name>.log} in the run folder beside the services' logs: what happened when, in
 * seconds from the drill's start, so a count can be laid against the services' lines of the same moment.
 */
final class Timeline implements AutoCloseable {

    private final PrintWriter out;
    private final long start = System.nanoTime();

    private Timeline(PrintWriter out) {
        this.out = out;
    }

    static Timeline open(Path runDir, String drill) {
        try {
            return new Timeline(new PrintWriter(Files.newBufferedWriter(runDir.resolve("drill-" + drill + ".log"),
                    StandardCharsets.UTF_8), true));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the log of drill " + drill, e);
        }
    }

    /** Logs a line, e.g. {@code mark("broker stopped (%.1f s)", seconds)}. */
    synchronized void mark(String format, Object... args) {
        out.printf("%s  +%7.2f s  %s%n", Instant.now(), seconds(elapsed()), String.format(format, args));
    }

    synchronized void failed(Throwable failure) {
        mark("drill aborted: %s", failure);
        failure.printStackTrace(out);
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    @Override
    public synchronized void close() {
        out.close();
    }
}
