package dev.tavern.broadcast.channel;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

import dev.tavern.broadcast.GatewayConfig;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * When a replica is given its partitions (it has a consumer group of its own, so it gets all
 * of them), it starts reading the history window's worth back, so its channel history matches
 * every other replica's and reconnecting clients can catch up here too.
 */
@ApplicationScoped
@Identifier("dice-rolls-history")
public class HistoryRebuild implements KafkaConsumerRebalanceListener {

    private final Broadcaster broadcaster;
    private final HistoryCatchUp catchUp;
    private final GatewayConfig config;

    HistoryRebuild(Broadcaster broadcaster, HistoryCatchUp catchUp, GatewayConfig config) {
        this.broadcaster = broadcaster;
        this.catchUp = catchUp;
        this.config = config;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        long since = Instant.now().minus(config.historyWindow()).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, since));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp at = found.get(partition);
            long offset = at != null ? at.offset() : ends.get(partition);
            consumer.seek(partition, offset);
            broadcaster.readingFrom(partition.partition(), offset);
            catchUp.readingBack(partition.partition(), offset, ends.get(partition));
        }
    }
}
