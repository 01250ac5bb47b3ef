package dev.tavern.broadcast.channel;

import java.util.Arrays;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Where a client is on a channel, whatever mix of campaigns and Kafka partitions the channel carries: for each
 * partition of the dice-rolls topic, the offset of the last record that was read before the client's latest frame
 * (-1 for none). Everything at or below it on that partition the client has either been sent or predates its
 * subscription; everything above it it has not been sent. Written {@code 41.-1.17} (partition 0 first), which needs
 * no escaping in a query string, and opaque to clients: they keep the last one they were sent.
 * <p>
 * Each replica reads the partitions in its own interleaving, so two replicas give the same frame different
 * positions, but a position from one means the same on every other: any replica can answer {@code since} with it.
 */
final class ChannelPosition {

    private final long[] offsets;

    private ChannelPosition(long[] offsets) {
        this.offsets = offsets;
    }

    static ChannelPosition of(long[] offsets) {
        return new ChannelPosition(offsets.clone());
    }

    /** Empty when the text is not a position this gateway could have given out. */
    static Optional<ChannelPosition> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 4096) {
            return Optional.empty();
        }
        String[] parts = text.split("\\.", -1);
        long[] offsets = new long[parts.length];
        try {
            for (int p = 0; p < parts.length; p++) {
                offsets[p] = Long.parseLong(parts[p]);
                if (offsets[p] < -1) {
                    return Optional.empty();
                }
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new ChannelPosition(offsets));
    }

    int partitions() {
        return offsets.length;
    }

    long offset(int partition) {
        return offsets[partition];
    }

    /** Whether every partition of this position has been read here, given what this replica has read of each. */
    boolean reachedBy(long[] read) {
        for (int p = 0; p < offsets.length; p++) {
            if (offsets[p] > read[p]) {
                return false;
            }
        }
        return true;
    }

    /** Partition by partition, the later of the two (a partition one of them does not know is at -1 there). */
    ChannelPosition max(ChannelPosition other) {
        long[] max = Arrays.copyOf(offsets, Math.max(offsets.length, other.offsets.length));
        for (int p = 0; p < max.length; p++) {
            max[p] = Math.max(p < offsets.length ? offsets[p] : -1, p < other.offsets.length ? other.offsets[p] : -1);
        }
        return new ChannelPosition(max);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelPosition position && Arrays.equals(offsets, position.offsets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(offsets);
    }

    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(".");
        for (long offset : offsets) {
            text.add(Long.toString(offset));
        }
        return text.toString();
    }
}
