package dev.tavern.load.scenario;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import dev.tavern.load.FixedRateDriver;
import dev.tavern.load.LatencyRecorder;
import dev.tavern.load.OpenLoopSchedule;
import dev.tavern.load.Progress;
import dev.tavern.load.RollJoin;
import dev.tavern.load.WebSocketFleet;
import dev.tavern.load.report.Format;

/** The clients of one broadcast path, open for a series of fixed-rate runs. */
final class BroadcastRun implements AutoCloseable {

    private static final Duration DRAIN = Duration.ofSeconds(15);
    private static final Duration FRAMES_WAIT = Duration.ofSeconds(10);

    private final ScenarioContext context;
    private final BroadcastPath path;
    private final long originNanos;
    private final WebSocketFleet fleet;
    private final AtomicReference<RollJoin> currentJoin;
    private final LatencyRecorder publishTimeline;

    private BroadcastRun(ScenarioContext context, BroadcastPath path, long originNanos, WebSocketFleet fleet,
                         AtomicReference<RollJoin> currentJoin) {
        this.context = context;
        this.path = path;
        this.originNanos = originNanos;
        this.fleet = fleet;
        this.currentJoin = currentJoin;
        this.publishTimeline = new LatencyRecorder(context.clients().vertx(), originNanos);
    }

    /** Opens every client of the path's layout; fails unless all of them are open. */
    static BroadcastRun open(ScenarioContext context, BroadcastPath path, long originNanos) throws InterruptedException {
        AtomicReference<RollJoin> join = new AtomicReference<>();
        long started = System.nanoTime();
        WebSocketFleet fleet = WebSocketFleet.open(context.clients().webSockets(), path.clients(), frame -> {
            RollJoin current = join.get();
            if (current != null) {
                current.received(frame);
            }
        });
        Progress.say("  %s: %s WebSocket clients open in %.1f s (%d failed)", path.name(), Format.count(fleet.opened()),
                (System.nanoTime() - started) / 1e9, fleet.failed());
        if (fleet.failed() > 0) {
            fleet.close();
            throw new IllegalStateException(fleet.failed() + " of " + path.clients().size() + " clients of " + path.name()
                    + " could not connect; the first because " + fleet.firstFailure());
        }
        return new BroadcastRun(context, path, originNanos, fleet, join);
    }

    int clients() {
        return fleet.opened();
    }

    /** Publishes at a fixed rate, then waits for the frames still on their way. */
    BroadcastStep run(String label, double messagesPerSecond, Duration duration) throws InterruptedException {
        context.settle();
        LatencyRecorder frames = new LatencyRecorder(context.clients().vertx(), originNanos);
        RollJoin join = new RollJoin(frames);
        currentJoin.set(join);
        int closedBefore = fleet.closedByServer();
        FixedRateDriver.Result posts = FixedRateDriver.run(context.clients().vertx(), label,
                new OpenLoopSchedule(messagesPerSecond, duration),
                (index, intended) -> path.publish(label, index, intended, join), publishTimeline, DRAIN);
        long expected = posts.ok() * path.layout().framesPerMessage();
        long received = Frames.await(join, expected, FRAMES_WAIT);
        frames.close();
        // Frames spread over the run's duration at most, unless delivery fell behind.
        double seconds = Math.max(duration.toNanos(), join.framesSpanNanos()) / 1e9;
        BroadcastStep step = new BroadcastStep(path.name(), posts, messagesPerSecond * path.layout().framesPerMessage(),
                expected, received, received / seconds, frames.total(), frames.intervals(),
                fleet.closedByServer() - closedBefore);
        Progress.say("  %s %s: %s frames/s delivered, frame p99 %s ms%s", path.name(), label, Format.rate(step.framesPerSecond()),
                Format.ms(step.percentileMs(99)), step.saturation().map(reason -> " (saturated: " + reason + ")").orElse(""));
        return step;
    }

    @Override
    public void close() {
        publishTimeline.close();
        fleet.close();
    }
}
