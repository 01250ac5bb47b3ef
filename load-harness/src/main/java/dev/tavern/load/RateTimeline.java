package dev.tavern.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import io.vertx.core.Vertx;

/** Events counted per second (deliveries at a receiver, say), for a throughput chart. */
public final class RateTimeline implements AutoCloseable {

    /** Events in one second (or the last part of one) that started {@code atSeconds} after the origin. */
    public record Point(double atSeconds, double lengthSeconds, long count) {

        public double ratePerSecond() {
            return lengthSeconds > 0 ? count / lengthSeconds : 0;
        }
    }

    private final Vertx vertx;
    private final long originNanos;
    private final LongAdder events = new LongAdder();
    private final List<Point> points = new ArrayList<>();
    private final long timer;
    private long intervalStartNanos = System.nanoTime();
    private long countedBefore;

    public RateTimeline(Vertx vertx, long originNanos) {
        this.vertx = vertx;
        this.originNanos = originNanos;
        this.timer = vertx.setPeriodic(1000, id -> cut());
    }

    public void record() {
        events.increment();
    }

    public synchronized List<Point> points() {
        return List.copyOf(points);
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
        cut();
    }

    private synchronized void cut() {
        long now = System.nanoTime();
        long counted = events.sum();
        points.add(new Point((intervalStartNanos - originNanos) / 1e9, (now - intervalStartNanos) / 1e9, counted - countedBefore));
        countedBefore = counted;
        intervalStartNanos = now;
    }
}
