package dev.tavern.tenants;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Whenever this replica is given the tenants topic's partitions, it reads them from their beginning: compaction keeps
 * each tenant's latest record, so reading to the end rebuilds the directory whatever the replica held before.
 */
@ApplicationScoped
@Identifier("tenants-replay")
public class TenantsReplay implements KafkaConsumerRebalanceListener {

    private final TenantsCatchUp catchUp;

    TenantsReplay(TenantsCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    /** On the consumer's own thread. */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        catchUp.readWhole(consumer, partitions);
    }
}
