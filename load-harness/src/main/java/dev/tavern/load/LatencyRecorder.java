package dev.tavern.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.vertx.core.Vertx;

/**
 * Latencies (and errors) of one measured run in an HdrHistogram, safe to record from any thread, cut into one
 * interval histogram per second for the charts. Values are kept in microseconds, up to a minute.
 */
public final class LatencyRecorder implements AutoCloseable {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);
    private static final int SIGNIFICANT_DIGITS = 3;

    /** One second (or the last part of one) of a run: completions, errors and latency percentiles in ms. */
    public record Interval(double atSeconds, double lengthSeconds, long count, long errors,
                           double p50Ms, double p99Ms, double p999Ms, double maxMs) {

        public double ratePerSecond() {
            return lengthSeconds > 0 ? count / lengthSeconds : 0;
        }
    }

    private final Vertx vertx;
    private final long originNanos;
    private final Recorder recorder = new Recorder(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    private final Histogram total = histogram();
    private final LongAdder errors = new LongAdder();
    private final List<Interval> intervals = new ArrayList<>();
    private final long timer;
    private Histogram recycled;
    private long intervalStartNanos;
    private long errorsBefore;

    /**
     * Starts cutting intervals now.
     *
     * @param originNanos the {@link System#nanoTime()} that chart times count from (a scenario's start)
     */
    public LatencyRecorder(Vertx vertx, long originNanos) {
        this.vertx = vertx;
        this.originNanos = originNanos;
        this.intervalStartNanos = System.nanoTime();
        this.timer = vertx.setPeriodic(1000, id -> cut());
    }

    /** An empty histogram of latencies as every recorder here keeps them: microseconds, up to a minute. */
    public static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    /** A latency as the histograms hold it: in microseconds, a negative one as 0 and one past a minute as a minute. */
    public static long micros(long latencyNanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, latencyNanos / 1000));
    }

    public void recordNanos(long latencyNanos) {
        recorder.recordValue(micros(latencyNanos));
    }

    public void recordError() {
        errors.increment();
    }

    /** Stops cutting intervals; the last, partial one is kept. */
    @Override
    public void close() {
        vertx.cancelTimer(timer);
        cut();
    }

    /** Every latency recorded until the last cut. */
    public synchronized Histogram total() {
        return total.copy();
    }

    public synchronized List<Interval> intervals() {
        return List.copyOf(intervals);
    }

    private synchronized void cut() {
        long now = System.nanoTime();
        recycled = recorder.getIntervalHistogram(recycled);
        total.add(recycled);
        long errorsNow = errors.sum();
        intervals.add(new Interval((intervalStartNanos - originNanos) / 1e9, (now - intervalStartNanos) / 1e9,
                recycled.getTotalCount(), errorsNow - errorsBefore, millis(recycled, 50), millis(recycled, 99),
                millis(recycled, 99.9), recycled.getTotalCount() == 0 ? 0 : recycled.getMaxValue() / 1000.0));
        errorsBefore = errorsNow;
        intervalStartNanos = now;
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
