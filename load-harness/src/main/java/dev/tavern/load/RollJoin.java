package dev.tavern.load;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Matches frames received over WebSockets to the requests that caused them, by id, and records each frame's latency
 * from its request's intended start. A frame may arrive before the answer that tells its id (the roll was published
 * before the HTTP answer reached the generator): it waits here until the id is known.
 */
public final class RollJoin {

    private static final String ID_FIELD = "\"id\":\"";

    private final LatencyRecorder latencies;
    private final Map<String, Track> tracks = new ConcurrentHashMap<>();
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong firstFrameNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastFrameNanos = new AtomicLong();

    public RollJoin(LatencyRecorder latencies) {
        this.latencies = latencies;
    }

    /** The request for this id was meant to start at {@code intendedNanos}. */
    public void sent(String id, long intendedNanos) {
        Track track = tracks.computeIfAbsent(id, key -> new Track());
        long[] early;
        int earlyCount;
        synchronized (track) {
            track.intendedNanos = intendedNanos;
            early = track.early;
            earlyCount = track.earlyCount;
            track.early = null;
        }
        for (int i = 0; i < earlyCount; i++) {
            record(early[i], intendedNanos);
        }
    }

    /** A frame that carries a roll's id as its first {@code "id"} field arrived now. */
    public void received(String frame) {
        long now = System.nanoTime();
        String id = idOf(frame);
        if (id == null) {
            return;
        }
        Track track = tracks.computeIfAbsent(id, key -> new Track());
        long intended = track.intendedNanos;
        if (intended < 0) {
            synchronized (track) {
                intended = track.intendedNanos;
                if (intended < 0) {
                    track.early(now);
                    return;
                }
            }
        }
        record(now, intended);
    }

    /** Frames matched to their request so far. */
    public long matched() {
        return matched.get();
    }

    /** How long matched frames kept arriving, from the first to the last. */
    public long framesSpanNanos() {
        long first = firstFrameNanos.get();
        return first == Long.MAX_VALUE ? 0 : lastFrameNanos.get() - first;
    }

    /**
     * The id of the first {@code "id"} field: in a gateway frame that of {@code data}, the Tavern roll id (the
     * frame's {@code type}, {@code offset} and {@code position} come before it and hold no id). Scanned, not parsed: the generator
     * reads up to hundreds of thousands of frames a second on the machine it measures.
     */
    public static String idOf(String frame) {
        int start = frame.indexOf(ID_FIELD);
        if (start < 0) {
            return null;
        }
        start += ID_FIELD.length();
        int end = frame.indexOf('"', start);
        return end < 0 ? null : frame.substring(start, end);
    }

    private void record(long receivedNanos, long intendedNanos) {
        latencies.recordNanos(receivedNanos - intendedNanos);
        matched.incrementAndGet();
        firstFrameNanos.accumulateAndGet(receivedNanos, Math::min);
        lastFrameNanos.accumulateAndGet(receivedNanos, Math::max);
    }

    private static final class Track {
        volatile long intendedNanos = -1;
        long[] early;
        int earlyCount;

        void early(long receivedNanos) {
            if (early == null) {
                early = new long[8];
            } else if (earlyCount == early.length) {
                early = Arrays.copyOf(early, early.length * 2);
            }
            early[earlyCount++] = receivedNanos;
        }
    }
}
