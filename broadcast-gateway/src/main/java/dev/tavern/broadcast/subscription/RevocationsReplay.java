package dev.tavern.broadcast.subscription;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import dev.tavern.broadcast.subscription.RevocationStore.Snapshot;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Whenever this replica is given the revocation topic's partitions, it loads what the store holds and reads the topic
 * from where the store says it was read, to its end, before it admits anyone. Without the store (Postgres down at
 * that moment) it reads the topic from its beginning, which the topic's retention keeps whole for as long as a token
 * lives: slower, never less.
 */
@ApplicationScoped
@Identifier("subscription-revocations-replay")
public class RevocationsReplay implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(RevocationsReplay.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(10);

    private final RevocationsCatchUp catchUp;
    private final RevocationStore store;
    private final Revocations revocations;

    RevocationsReplay(RevocationsCatchUp catchUp, RevocationStore store, Revocations revocations) {
        this.catchUp = catchUp;
        this.store = store;
        this.revocations = revocations;
    }

    /** On the consumer's own thread, which may wait for the store. */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<Integer, Long> stored = storedPositions();
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            long beginning = beginnings.get(partition);
            long end = ends.get(partition);
            long from = Math.min(end, Math.max(beginning, stored.getOrDefault(partition.partition(), beginning)));
            consumer.seek(partition, from);
            catchUp.readingBack(partition.partition(), from, end);
        }
    }

    private Map<Integer, Long> storedPositions() {
        try {
            Snapshot snapshot = store.load().await().atMost(LOAD_TIMEOUT);
            snapshot.revocations().forEach(revocations::revoke);
            LOG.infof("Loaded %d revocations from the store", snapshot.revocations().size());
            return snapshot.nextOffsets();
        } catch (RuntimeException e) {
            LOG.warnf("Cannot load revocations from the store, reading the topic from its beginning: %s", e.toString());
            return Map.of();
        }
    }
}
