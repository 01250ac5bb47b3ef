package dev.tavern.tenants;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether this replica has read a topic back up to where it ended when the replica was given its partitions. Until
 * then what the replica keeps of that topic is incomplete, so it says so (readiness) and holds back what depends on it.
 */
public class TopicCatchUp {

    /** Per partition still being read back, the end offset it had when this replica joined. */
    private final Map<Integer, Long> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private volatile boolean assigned;

    /**
     * For a compacted topic a replica reads whole whenever it is given its partitions (from a rebalance listener, on the
     * consumer's own thread): seeks each to its beginning and is caught up once it has read to the end it has now.
     * Compaction keeps each key's latest record, so this rebuilds what the replica keeps whatever it held before.
     */
    public void readWhole(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            consumer.seek(partition, beginnings.get(partition));
            readingBack(partition.partition(), beginnings.get(partition), ends.get(partition));
        }
    }

    public void readingBack(int partition, long from, long end) {
        if (from < end) {
            pending.put(partition, end);
        } else {
            pending.remove(partition);
        }
        assigned = true;
        completeIfCaughtUp();
    }

    /**
     * Every record read, also one that could not be used, moves its partition's catch-up along (the topics are
     * written without transactions, so every offset below the end is a record).
     */
    public void read(int partition, long offset) {
        pending.computeIfPresent(partition, (p, end) -> offset + 1 >= end ? null : end);
        completeIfCaughtUp();
    }

    public boolean caughtUp() {
        return assigned && pending.isEmpty();
    }

    /** Completes once, when the topic has been read back. */
    public CompletionStage<Void> whenCaughtUp() {
        return caughtUp;
    }

    /** A readiness answer: up once the topic has been read back. */
    public HealthCheckResponse readiness(String name) {
        return HealthCheckResponse.named(name).status(caughtUp()).withData("partitionsReadingBack", pending.size()).build();
    }

    private void completeIfCaughtUp() {
        if (caughtUp()) {
            caughtUp.complete(null);
        }
    }
}
