package dev.tavern.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Writes a Kafka record into the outbox. Call it inside the transaction that makes the
 * state change ({@code @WithTransaction}): both commit together or neither does. The record
 * keeps the request's trace context, so its consumers continue the same trace.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper objectMapper;
    private final TraceParents traceParents;

    Outbox(ObjectMapper objectMapper, TraceParents traceParents) {
        this.objectMapper = objectMapper;
        this.traceParents = traceParents;
    }

    /**
     * @param topic     the Kafka topic
     * @param key       the record key, which orders records of one aggregate
     * @param eventType the CloudEvents {@code ce_type}
     * @param payload   serialized as JSON into the record value
     * @return the CloudEvents id ({@code ce_id}) the record will carry
     */
    public Uni<UUID> enqueue(String topic, String key, String eventType, Object payload) {
        OutboxMessage message = new OutboxMessage();
        message.eventId = UUID.randomUUID();
        message.topic = topic;
        message.recordKey = key;
        message.eventType = eventType;
        message.payload = toJson(payload);
        message.occurredAt = Instant.now();
        message.traceParent = traceParents.current();
        return message.persist().replaceWith(message.eventId);
    }

    private String toJson(Object payload) {
        try {
            return objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Outbox payload is not serializable: " + payload.getClass().getName(), e);
        }
    }
}
