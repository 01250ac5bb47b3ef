package dev.tavern.broadcast.channel;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.broadcast.GatewayConfig;

/**
 * The last messages of each channel, so a client that reconnects with {@code ?since=<offset>}
 * gets what it missed. An offset is the Kafka offset of the roll's record: every replica reads
 * the same records, so offsets and history agree across replicas, and a starting replica
 * rebuilds its history by reading the last minutes of the topic again (see
 * {@link HistoryRebuild}). A campaign's rolls share one partition, so its offsets only grow;
 * history that mixes partitions (a streamer in several campaigns) cannot answer {@code since},
 * nor can one that no longer reaches back to it, nor can a replica still reading its window back
 * ({@link HistoryCatchUp}): the client is asked to resync.
 */
@ApplicationScoped
public class ChannelHistory {

    record Message(int partition, long offset, Instant recordedAt, String frame) {
    }

    /** A channel's kept messages, and the offset below which nothing is known any more. */
    private static final class Kept {
        final Deque<Message> messages = new ArrayDeque<>();
        long forgottenUpTo = -1;
    }

    private final Map<String, Kept> byChannel = new ConcurrentHashMap<>();
    /** Per partition, the first offset this replica read: nothing before it is known. */
    private final Map<Integer, Long> readFrom = new ConcurrentHashMap<>();
    private final HistoryCatchUp catchUp;
    private final GatewayConfig config;

    ChannelHistory(HistoryCatchUp catchUp, GatewayConfig config) {
        this.catchUp = catchUp;
        this.config = config;
    }

    void readingFrom(int partition, long offset) {
        readFrom.merge(partition, offset, Math::min);
    }

    /** Keeps the message, unless it is one already kept (read again after a rebalance). Callers hold the channel's lock. */
    boolean remember(String channel, Message message) {
        readFrom.putIfAbsent(message.partition(), message.offset());
        Kept kept = kept(channel);
        if (kept.messages.stream().anyMatch(m -> m.partition() == message.partition() && m.offset() >= message.offset())) {
            return false;
        }
        kept.messages.addLast(message);
        Instant oldest = Instant.now().minus(config.historyWindow());
        while (kept.messages.size() > config.historySize()
                || kept.messages.peekFirst().recordedAt() != null && kept.messages.peekFirst().recordedAt().isBefore(oldest)) {
            kept.forgottenUpTo = Math.max(kept.forgottenUpTo, kept.messages.removeFirst().offset());
        }
        return true;
    }

    /**
     * What a client that last saw {@code since} missed, oldest first; empty when the history
     * cannot tell (the client must resync). Callers hold the channel's lock.
     */
    Optional<List<Message>> since(String channel, long since) {
        if (!catchUp.caughtUp()) {
            return Optional.empty();
        }
        Kept kept = kept(channel);
        if (kept.messages.stream().map(Message::partition).distinct().count() > 1) {
            return Optional.empty();
        }
        long knownFrom = kept.messages.isEmpty()
                ? readFrom.values().stream().max(Long::compare).orElse(0L) - 1
                : Math.max(kept.forgottenUpTo, readFrom.getOrDefault(kept.messages.peekFirst().partition(), 0L) - 1);
        if (since < knownFrom) {
            return Optional.empty();
        }
        return Optional.of(kept.messages.stream().filter(m -> m.offset() > since).toList());
    }

    /** The lock that orders a channel's live messages with a newcomer's catch-up. */
    Object lockOf(String channel) {
        return kept(channel);
    }

    private Kept kept(String channel) {
        return byChannel.computeIfAbsent(channel, c -> new Kept());
    }
}
