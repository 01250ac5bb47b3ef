package dev.tavern.load;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Open-loop load at a fixed arrival rate: a ticker on a Vert.x event loop starts every request at its intended
 * time ({@link OpenLoopSchedule}) without waiting for earlier answers, and each latency runs from the intended
 * time, not from when the request actually left. A request the generator itself started late counts as a late
 * start, so a report can tell a slow generator from a slow service.
 */
public final class FixedRateDriver {

    /** A request started after this, past its intended time, counts as a late start. */
    public static final Duration LATE_START = Duration.ofMillis(10);
    private static final long TICK_MILLIS = 1;
    private static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final double MAX_ERROR_RATIO = 0.001;
    private static final double MIN_ACHIEVED_SHARE = 0.95;
    private static final double MAX_P99_MS = 1000;

    /** One request; its future completes when the answer is in, and fails for an error. */
    @FunctionalInterface
    public interface Request {
        Future<?> send(long index, long intendedNanos);
    }

    /** What one run at one rate did; latencies in microseconds from the intended start. */
    public record Result(String label, double targetRate, Duration duration, long sent, long ok, long errors,
                         long lateStarts, long unfinished, double achievedRate, Histogram latencies) {

        public double errorRatio() {
            return sent == 0 ? 0 : (double) errors / sent;
        }

        public double percentileMs(double percentile) {
            return latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(percentile) / 1000.0;
        }

        public double maxMs() {
            return latencies.getTotalCount() == 0 ? 0 : latencies.getMaxValue() / 1000.0;
        }

        /**
         * Why this run shows the target past what the service sustains, or empty: any request unanswered, errors
         * above 0.1 %, under 95 % of the target rate achieved, or a p99 past a second.
         */
        public Optional<String> saturation() {
            if (unfinished > 0) {
                return Optional.of(unfinished + " unanswered");
            }
            if (errorRatio() > MAX_ERROR_RATIO) {
                return Optional.of(String.format(Locale.ROOT, "%.1f %% errors", errorRatio() * 100));
            }
            if (achievedRate < targetRate * MIN_ACHIEVED_SHARE) {
                return Optional.of(String.format(Locale.ROOT, "%.0f %% of the target rate", achievedRate / targetRate * 100));
            }
            if (percentileMs(99) > MAX_P99_MS) {
                return Optional.of("p99 over " + (long) MAX_P99_MS + " ms");
            }
            return Optional.empty();
        }
    }

    private FixedRateDriver() {
    }

    /**
     * Runs the schedule and waits for its answers, at most {@code drainTimeout} after the last request started;
     * requests still unanswered then count as unfinished.
     *
     * @param latencies also gets every latency and error, for the scenario's per-second charts
     */
    public static Result run(Vertx vertx, String label, OpenLoopSchedule schedule, Request request,
                             LatencyRecorder latencies, Duration drainTimeout) throws InterruptedException {
        Recorder stepLatencies = new Recorder(TimeUnit.MINUTES.toMicros(1), 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong firstCompletion = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastCompletion = new AtomicLong();
        long[] sent = {0};
        long[] late = {0};
        long total = schedule.total();
        long start = System.nanoTime() + LEAD_NANOS;
        CompletableFuture<Void> allSent = new CompletableFuture<>();
        CompletableFuture<Void> allAnswered = new CompletableFuture<>();

        vertx.setPeriodic(TICK_MILLIS, timer -> {
            long now = System.nanoTime();
            long due = schedule.dueBy(now - start);
            for (long index = sent[0]; index < due; index++) {
                long intended = start + schedule.intendedOffsetNanos(index);
                if (now - intended > LATE_START.toNanos()) {
                    late[0]++;
                }
                Future<?> answer;
                try {
                    answer = request.send(index, intended);
                } catch (RuntimeException e) {
                    answer = Future.failedFuture(e);
                }
                answer.onComplete(result -> {
                    long end = System.nanoTime();
                    if (result.succeeded()) {
                        stepLatencies.recordValue(Math.min(TimeUnit.MINUTES.toMicros(1), (end - intended) / 1000));
                        latencies.recordNanos(end - intended);
                        ok.incrementAndGet();
                    } else {
                        latencies.recordError();
                        errors.incrementAndGet();
                    }
                    firstCompletion.accumulateAndGet(end, Math::min);
                    lastCompletion.accumulateAndGet(end, Math::max);
                    if (ok.get() + errors.get() == total) {
                        allAnswered.complete(null);
                    }
                });
            }
            sent[0] = due;
            if (due == total) {
                vertx.cancelTimer(timer);
                allSent.complete(null);
            }
        });

        long timeout = schedule.duration().plus(drainTimeout).toMillis() + 1000;
        try {
            allSent.get(timeout, TimeUnit.MILLISECONDS);
            allAnswered.get(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
            // Reported as unfinished.
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        long answered = ok.get() + errors.get();
        // Answers spread over the run's duration at most, unless the target fell behind: a constant latency shifts
        // them all and does not count against the rate.
        double answeringSeconds = Math.max(lastCompletion.get() - firstCompletion.get(), schedule.duration().toNanos()) / 1e9;
        return new Result(label, schedule.ratePerSecond(), schedule.duration(), total, ok.get(), errors.get(), late[0],
                total - answered, ok.get() / answeringSeconds, stepLatencies.getIntervalHistogram());
    }
}
