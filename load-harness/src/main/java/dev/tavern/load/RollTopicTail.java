package dev.tavern.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer of {@code tavern.vtt.dice-rolls.v1} from the topic's end onwards, on a thread of its own, as any
 * downstream consumer would read it: each record is handed over as it is read. Without a consumer group (every
 * partition assigned), so a broker restart costs it no rebalance.
 */
public final class RollTopicTail implements AutoCloseable {

    public static final String TOPIC = "tavern.vtt.dice-rolls.v1";
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, String> consumer;
    private final Consumer<ConsumerRecord<String, String>> reader;
    private final Thread thread;
    private volatile boolean closed;

    private RollTopicTail(String bootstrapServers, Consumer<ConsumerRecord<String, String>> reader) {
        this.reader = reader;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the end now, before anything is published, so no record after it is skipped.
        partitions.forEach(consumer::position);
        this.thread = new Thread(this::read, "roll-topic-tail");
        thread.setDaemon(true);
    }

    /** Starts reading from the topic's end; {@code reader} gets every record after it, on the tail's thread. */
    public static RollTopicTail start(String bootstrapServers, Consumer<ConsumerRecord<String, String>> reader) {
        RollTopicTail tail = new RollTopicTail(bootstrapServers, reader);
        tail.thread.start();
        return tail;
    }

    private void read() {
        try {
            while (!closed) {
                consumer.poll(POLL).forEach(reader);
            }
        } catch (WakeupException closing) {
            // close() interrupts the poll under way.
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        thread.join();
    }
}
