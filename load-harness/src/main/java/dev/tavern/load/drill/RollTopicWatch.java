package dev.tavern.load.drill;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A consumer of {@code tavern.vtt.dice-rolls.v1} from the topic's end onwards, as any downstream consumer would read
 * it: every record of the drill's rolls is booked as an arrival of its VTT roll id with its Tavern roll id. Without a
 * consumer group (every partition assigned), so a broker restart costs it no rebalance.
 */
final class RollTopicWatch implements AutoCloseable {

    static final String TOPIC = "tavern.vtt.dice-rolls.v1";
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, String> consumer;
    private final ObjectMapper json;
    private final String itemPrefix;
    private final Ledger ledger;
    private final Thread reader;
    private volatile boolean closed;

    private RollTopicWatch(String bootstrapServers, ObjectMapper json, String itemPrefix, Ledger ledger) {
        this.json = json;
        this.itemPrefix = itemPrefix;
        this.ledger = ledger;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the end now, before the drill sends anything, so no roll of it is skipped.
        partitions.forEach(consumer::position);
        this.reader = new Thread(this::read, "drill-topic-watch");
        reader.setDaemon(true);
    }

    /** Starts reading; every roll item starting with {@code itemPrefix} is booked in the ledger. */
    static RollTopicWatch start(DrillKit kit, String itemPrefix, Ledger ledger) {
        RollTopicWatch watch = new RollTopicWatch(kit.stack().tavern().infrastructure().kafkaBootstrapServers(),
                kit.json(), itemPrefix, ledger);
        watch.reader.start();
        return watch;
    }

    private void read() {
        try {
            while (!closed) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    book(record.value());
                }
            }
        } catch (WakeupException closing) {
            // close() interrupts the poll under way.
        } finally {
            consumer.close();
        }
    }

    private void book(String value) {
        JsonNode roll;
        try {
            roll = json.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException("A record of " + TOPIC + " that is not JSON: " + value, e);
        }
        String item = roll.path("vttRollId").asText();
        if (item.startsWith(itemPrefix)) {
            ledger.seen(item, roll.path("id").asText());
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        reader.join();
    }
}
