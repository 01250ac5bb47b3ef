package dev.tavern.load.drill;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.tavern.load.FixedRateDriver;
import dev.tavern.load.LatencyRecorder;
import dev.tavern.load.OpenLoopSchedule;

/**
 * The harness's open-loop {@link FixedRateDriver} run on a thread of its own, so that a drill can break things while
 * the load goes on at its fixed rate, whatever the answers do.
 */
final class BackgroundLoad {

    /** How long answers are waited for after the last request left; more than the kit's answer timeout. */
    private static final Duration DRAIN = Duration.ofSeconds(15);

    private final CompletableFuture<FixedRateDriver.Result> result = new CompletableFuture<>();
    private final LatencyRecorder latencies;

    private BackgroundLoad(DrillKit kit, String label, OpenLoopSchedule schedule, FixedRateDriver.Request request) {
        this.latencies = new LatencyRecorder(kit.vertx(), System.nanoTime());
        Thread runner = new Thread(() -> {
            try {
                result.complete(FixedRateDriver.run(kit.vertx(), label, schedule, request, latencies, DRAIN));
            } catch (InterruptedException e) {
                result.completeExceptionally(e);
            }
        }, "drill-load-" + label);
        runner.setDaemon(true);
        runner.start();
    }

    static BackgroundLoad start(DrillKit kit, String label, double perSecond, Duration duration,
                                FixedRateDriver.Request request) {
        return new BackgroundLoad(kit, label, new OpenLoopSchedule(perSecond, duration), request);
    }

    /** Waits until every request has left and been answered (or given up on), and logs what the ledger booked. */
    FixedRateDriver.Result finish(Ledger ledger, Timeline timeline) throws InterruptedException, ExecutionException {
        FixedRateDriver.Result done;
        try {
            done = result.get();
        } finally {
            latencies.close();
        }
        timeline.mark("load done: %d sent, %d accepted, not accepted: %s; %s", ledger.sentCount(), ledger.acceptedCount(),
                ledger.refusals(), answers(done));
        return done;
    }

    /** E.g. {@code answers p50 4 ms, p99 31 ms, max 10,012 ms}: latency from each request's intended start. */
    static String answers(FixedRateDriver.Result result) {
        return String.format("answers p50 %.0f ms, p99 %.0f ms, max %,.0f ms", result.percentileMs(50),
                result.percentileMs(99), result.maxMs());
    }
}
