package dev.tavern.broadcast.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * The frames of one poll's rolls, gathered by event loop as the rolls are read and written by one task per loop once
 * the whole poll has been: a connection gets every frame of the poll that is meant for it, in reading order, and one
 * flush, one write to its socket, instead of a task and a flush per roll and channel. Filled under the broadcaster's
 * lock ({@link Broadcaster#broadcast}); {@link #send()} hands it to the loops.
 * <p>
 * A connection that joins while a poll is read is caught up with the rolls read before it joined (a task queued on its
 * loop then) and gets the later ones from this poll's task, queued after it.
 */
public final class Delivery {

    /** The kinds of channel, as the delivered and dropped counters are tagged. */
    static final int CAMPAIGN = 0;
    static final int STREAMER = 1;

    /** A message's frame for one channel's connections on one loop. */
    private record Frames(Subscriber[] members, ByteBuf frame, int kind, Instant recordedAt) {
    }

    private final Counter[] delivered;
    private final Counter[] dropped;
    private final Timer deliveryLatency;
    private final Map<EventLoop, List<Frames>> byLoop = new HashMap<>(4);

    /** {@code delivered} and {@code dropped} by kind of channel. */
    Delivery(Counter[] delivered, Counter[] dropped, Timer deliveryLatency) {
        this.delivered = delivered;
        this.dropped = dropped;
        this.deliveryLatency = deliveryLatency;
    }

    /** Adds the frame for a channel's connections now; takes its own reference to the frame for each loop. */
    void add(Map<EventLoop, Subscriber[]> groups, ByteBuf frame, int kind, Instant recordedAt) {
        groups.forEach((loop, members) -> byLoop.computeIfAbsent(loop, any -> new ArrayList<>())
                .add(new Frames(members, frame.retainedDuplicate(), kind, recordedAt)));
    }

    /** One task per event loop writes its frames; then this delivery is empty again. */
    public void send() {
        byLoop.forEach((loop, frames) -> loop.execute(() -> write(frames)));
        byLoop.clear();
    }

    /**
     * On the loop: every frame to its connections, then one flush for each connection written to. The counters are
     * counted once per task, the delivery latency once per frame when the frames are flushed.
     */
    private void write(List<Frames> frames) {
        int[] queued = new int[2];
        int[] tooSlow = new int[2];
        try {
            for (Frames each : frames) {
                for (Subscriber member : each.members()) {
                    switch (member.write(each.frame())) {
                        case QUEUED -> queued[each.kind()]++;
                        case TOO_SLOW -> tooSlow[each.kind()]++;
                        case GONE -> { }
                    }
                }
            }
            for (Frames each : frames) {
                for (Subscriber member : each.members()) {
                    member.flushWritten();
                }
            }
        } finally {
            frames.forEach(each -> each.frame().release());
        }
        for (int kind = CAMPAIGN; kind <= STREAMER; kind++) {
            delivered[kind].increment(queued[kind]);
            dropped[kind].increment(tooSlow[kind]);
        }
        Instant flushed = Instant.now();
        frames.forEach(each -> deliveryLatency.record(Duration.between(each.recordedAt(), flushed)));
    }
}
