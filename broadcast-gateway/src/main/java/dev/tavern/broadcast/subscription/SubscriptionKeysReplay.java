package dev.tavern.broadcast.subscription;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Whenever this replica is given the key topic's partitions, it reads them from their beginning: compaction keeps each
 * key id's latest record, so reading to the end gives every key in force, whatever the store held.
 */
@ApplicationScoped
@Identifier("subscription-keys-replay")
public class SubscriptionKeysReplay implements KafkaConsumerRebalanceListener {

    private final SubscriptionKeysCatchUp catchUp;

    SubscriptionKeysReplay(SubscriptionKeysCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    /** On the consumer's own thread. */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        catchUp.readWhole(consumer, partitions);
    }
}
