package dev.tavern.broadcast.channel;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tavern.broadcast.GatewayConfig;

/**
 * The messages of the last {@code history-window}, so a client that comes back with its position gets what it
 * missed. Bounded four ways, so memory stays flat however many campaigns come and go and however large their rolls:
 * the window, a total number of messages (what they hold on the heap), a total of their data's bytes (held outside
 * it, in a {@link ByteRing}), and a number of channels (the least recently active one goes first); a channel is also
 * dropped as soon as its last message leaves the window. Per channel at most {@code history-size} messages are kept.
 * <p>
 * What has been forgotten is remembered as floors, per partition: a position below a floor cannot be answered (the
 * client must resync). {@code forgotten} rises as messages leave the window or a total bound (in reading order,
 * so it covers every channel); a channel's own floor rises as it overflows its per-channel bound; and
 * {@code evictedChannels} rises when a channel is dropped while it still had messages, and is the floor of every
 * channel created afterwards (its earlier messages may have been dropped with it).
 * <p>
 * Not thread-safe: {@link Broadcaster} calls it under its lock.
 */
final class ChannelHistory {

    /**
     * A roll's frame parts as one channel message: framed again with another position for a returning client. Its
     * data is the rendered JSON object in UTF-8, as the frame carries it.
     */
    record Message(int partition, long offset, Instant recordedAt, String[] channels, String type, ChannelPosition position,
                   byte[] data) {
    }

    /** A message as history holds it: its data in the ring, its instant in epoch milliseconds. */
    private record Kept(int partition, long offset, long recordedAt, String[] channels, String type, ChannelPosition position,
                        long dataAt, int dataLength) {
    }

    private static final class ChannelLog {
        final String name;
        final Deque<Kept> messages = new ArrayDeque<>();
        final long[] floor;

        ChannelLog(String name, long[] floor) {
            this.name = name;
            this.floor = floor;
        }
    }

    private final GatewayConfig config;
    private final ByteRing data;
    private final Deque<Kept> all = new ArrayDeque<>();
    /**
     * In order of each channel's latest message: the first entry is the channel that has been quiet the longest. Not
     * access-ordered, where looking a channel up (to forget its oldest message, or to answer a client) would count as
     * activity.
     */
    private final LinkedHashMap<String, ChannelLog> channels = new LinkedHashMap<>(256);
    private long[] forgotten = new long[0];
    private long[] evictedChannels = new long[0];

    ChannelHistory(GatewayConfig config) {
        this.config = config;
        this.data = new ByteRing(config.historyMaxBytes());
    }

    /** This replica reads the partition from {@code offset} on: nothing before it is known here. */
    void readingFrom(int partition, long offset) {
        if (partition >= forgotten.length) {
            forgotten = grow(forgotten, partition + 1);
            evictedChannels = grow(evictedChannels, partition + 1);
            forgotten[partition] = offset - 1;
        }
    }

    void keep(Message message, Instant now) {
        byte[] bytes = message.data();
        while (!all.isEmpty() && !data.fits(bytes.length)) {
            forgetOldest();
        }
        if (!data.fits(bytes.length)) {
            // Larger than history itself: nothing from before it can be answered on its partition.
            raise(forgotten, message.partition(), message.offset());
            return;
        }
        String[] names = message.channels();
        Kept kept = new Kept(message.partition(), message.offset(), message.recordedAt().toEpochMilli(), names, message.type(),
                message.position(), data.append(bytes), bytes.length);
        all.addLast(kept);
        for (int i = 0; i < names.length; i++) {
            ChannelLog log = channels.remove(names[i]);
            if (log == null) {
                log = new ChannelLog(names[i], evictedChannels.clone());
            }
            channels.put(log.name, log);
            // The channel's messages share its log's copy of the name: a full history would otherwise hold 50,000.
            names[i] = log.name;
            log.messages.addLast(kept);
            if (log.messages.size() > config.historySize()) {
                Kept dropped = log.messages.removeFirst();
                raise(log.floor, dropped.partition(), dropped.offset());
            }
        }
        while (channels.size() > config.historyMaxChannels()) {
            Iterator<Map.Entry<String, ChannelLog>> quietest = channels.entrySet().iterator();
            ChannelLog log = quietest.next().getValue();
            quietest.remove();
            for (int p = 0; p < log.floor.length; p++) {
                evictedChannels[p] = Math.max(evictedChannels[p], log.floor[p]);
            }
            log.messages.forEach(dropped -> raise(evictedChannels, dropped.partition(), dropped.offset()));
        }
        forgetOlderThan(now);
    }

    /** Drops what is past the window or over the total bound, and the channels left with nothing. */
    void forgetOlderThan(Instant now) {
        long oldest = now.minus(config.historyWindow()).toEpochMilli();
        while (!all.isEmpty() && (all.size() > config.historyMaxMessages() || all.peekFirst().recordedAt() < oldest)) {
            forgetOldest();
        }
    }

    private void forgetOldest() {
        Kept dropped = all.removeFirst();
        data.freeUpTo(dropped.dataAt() + dropped.dataLength());
        raise(forgotten, dropped.partition(), dropped.offset());
        for (String channel : dropped.channels()) {
            ChannelLog log = channels.get(channel);
            if (log != null && log.messages.peekFirst() == dropped) {
                log.messages.removeFirst();
                if (log.messages.isEmpty()) {
                    // Its floors are below `forgotten` now: everything it ever dropped was read before this message.
                    channels.remove(channel);
                }
            }
        }
    }

    /**
     * The channel's messages after {@code since}, in the order this replica read them; empty when history no longer
     * reaches back to it on some partition. The caller has checked that this replica has read up to {@code since}.
     */
    Optional<List<Message>> after(String channel, ChannelPosition since) {
        ChannelLog log = channels.get(channel);
        long[] floor = log != null ? log.floor : evictedChannels;
        for (int p = 0; p < since.partitions(); p++) {
            if (since.offset(p) < Math.max(forgotten[p], p < floor.length ? floor[p] : -1)) {
                return Optional.empty();
            }
        }
        if (log == null) {
            return Optional.of(List.of());
        }
        return Optional.of(log.messages.stream().filter(m -> m.offset() > since.offset(m.partition())).map(this::message).toList());
    }

    int channelsKept() {
        return channels.size();
    }

    int messagesKept() {
        return all.size();
    }

    long bytesKept() {
        return data.held();
    }

    private Message message(Kept kept) {
        return new Message(kept.partition(), kept.offset(), Instant.ofEpochMilli(kept.recordedAt()), kept.channels(), kept.type(),
                kept.position(), data.read(kept.dataAt(), kept.dataLength()));
    }

    private static void raise(long[] floor, int partition, long offset) {
        floor[partition] = Math.max(floor[partition], offset);
    }

    private static long[] grow(long[] values, int length) {
        long[] grown = Arrays.copyOf(values, length);
        Arrays.fill(grown, values.length, length, -1);
        return grown;
    }
}
