package dev.tavern.broadcast.channel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether this replica has read its history window back up to where the topic ended when it joined. Until then
 * its history cannot tell a returning client what it missed, so the replica is not ready ({@link HistoryReadiness}:
 * a load balancer keeps clients on the replicas that are) and answers {@code since} with a resync.
 */
@ApplicationScoped
public class HistoryCatchUp {

    /** Per partition still being read back, the end offset it had when this replica joined. */
    private final Map<Integer, Long> pending = new ConcurrentHashMap<>();
    private volatile boolean assigned;

    void readingBack(int partition, long from, long end) {
        if (from < end) {
            pending.put(partition, end);
        } else {
            pending.remove(partition);
        }
        assigned = true;
    }

    /**
     * Every record read, also one that could not be broadcast, moves its partition's catch-up along (the topic is
     * written without transactions, so every offset below the end is a record).
     */
    public void read(int partition, long offset) {
        pending.computeIfPresent(partition, (p, end) -> offset + 1 >= end ? null : end);
    }

    public boolean caughtUp() {
        return assigned && pending.isEmpty();
    }

    int partitionsReadingBack() {
        return pending.size();
    }
}
