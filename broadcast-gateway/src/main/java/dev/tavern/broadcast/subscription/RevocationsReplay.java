package dev.tavern.broadcast.subscription;

import java.util.Collection;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/** Reads the revocation topic from its beginning whenever this replica is given its partitions. */
@ApplicationScoped
@Identifier("subscription-revocations-replay")
public class RevocationsReplay implements KafkaConsumerRebalanceListener {

    private final RevocationsCatchUp catchUp;

    RevocationsReplay(RevocationsCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            consumer.seek(partition, beginnings.get(partition));
            catchUp.readingBack(partition.partition(), beginnings.get(partition), ends.get(partition));
        }
    }
}
