package dev.tavern.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.HdrHistogram.Histogram;

/** Raw histograms beside the report, as HdrHistogram's percentile text in milliseconds. */
public final class HgrmFiles {

    private HgrmFiles() {
    }

    /** @param microseconds a histogram of latencies in µs, written in milliseconds */
    public static void write(Path file, Histogram microseconds) {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file))) {
            microseconds.outputPercentileDistribution(out, 1000.0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
