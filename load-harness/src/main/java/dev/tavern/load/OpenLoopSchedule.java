package dev.tavern.load;

import java.time.Duration;

/**
 * When each request of an open-loop run is meant to start: request {@code i} at {@code i / rate} seconds after the
 * run's start, whatever happened to the requests before it. Latency is measured from these intended times, so a
 * stalled service is charged for the whole wait of every request it held up (no coordinated omission).
 */
public record OpenLoopSchedule(double ratePerSecond, Duration duration) {

    private static final double NANOS_PER_SECOND = 1e9;

    public OpenLoopSchedule {
        if (!(ratePerSecond > 0) || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("A schedule needs a positive rate and duration");
        }
    }

    /** A run of {@code count} requests at the rate (its duration follows). */
    public static OpenLoopSchedule ofCount(double ratePerSecond, long count) {
        return new OpenLoopSchedule(ratePerSecond, Duration.ofNanos(Math.round(count * NANOS_PER_SECOND / ratePerSecond)));
    }

    /** Requests in the run. */
    public long total() {
        return (long) Math.ceil(ratePerSecond * duration.toNanos() / NANOS_PER_SECOND - 1e-9);
    }

    /** When request {@code index} is meant to start, in nanoseconds after the run's start. */
    public long intendedOffsetNanos(long index) {
        return (long) Math.ceil(index * NANOS_PER_SECOND / ratePerSecond);
    }

    /** How many requests are due once {@code elapsedNanos} have passed: those whose intended start has come. */
    public long dueBy(long elapsedNanos) {
        if (elapsedNanos < 0) {
            return 0;
        }
        long due = Math.min(total(), (long) Math.floor(elapsedNanos * ratePerSecond / NANOS_PER_SECOND) + 1);
        // The estimate can be one off either way in floating point; the intended times decide.
        while (due < total() && intendedOffsetNanos(due) <= elapsedNanos) {
            due++;
        }
        while (due > 0 && intendedOffsetNanos(due - 1) > elapsedNanos) {
            due--;
        }
        return due;
    }
}
