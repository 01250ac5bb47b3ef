package dev.tavern.infra.test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes records onto a topic the way an upstream Tavern service does: key, JSON value, CloudEvents headers. */
public final class TopicWriter implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public TopicWriter(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
    }

    /** Sends a record with a fresh CloudEvent id and waits for the broker's acknowledgement; answers the id. */
    public String send(String topic, String key, String ceType, String value) {
        String ceId = UUID.randomUUID().toString();
        send(topic, key, ceId, ceType, value);
        return ceId;
    }

    public void send(String topic, String key, String ceId, String ceType, String value) {
        send(topic, key, ceId, ceType, value, Map.of());
    }


    /** With more headers, such as the {@code traceparent} a traced producer writes; answers where the record went. */
    public RecordMetadata send(String topic, String key, String ceId, String ceType, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, headerValue) -> header(record, name, headerValue));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", ceId);
        header(record, "ce_type", ceType);
        header(record, "ce_source", "/tavern/tests");
        header(record, "ce_time", Instant.now().toString());
        header(record, "content-type", "application/json");
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot write to " + topic, e.getCause());
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
