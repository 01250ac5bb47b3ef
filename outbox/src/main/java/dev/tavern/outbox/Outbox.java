package dev.tavern.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Writes Kafka records into the outbox, in the transaction that makes the state change: both commit together or
 * neither does. A record keeps the request's trace context, so its consumers continue the same trace.
 *
 * <ul>
 *   <li>{@link #enqueue} inside a {@code @WithTransaction} method: the relay wakes when it commits ({@link RelayAfterCommit}).
 *   <li>{@link #prepare} for a hot path's own SQL, which inserts the record ({@link OutboxRecord#COLUMNS}); the caller
 *       then wakes the relay with {@link #committed()}.
 * </ul>
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper objectMapper;
    private final TraceParents traceParents;
    private final OutboxRelay relay;

    Outbox(ObjectMapper objectMapper, TraceParents traceParents, OutboxRelay relay) {
        this.objectMapper = objectMapper;
        this.traceParents = traceParents;
        this.relay = relay;
    }

    /**
     * @param topic     the Kafka topic
     * @param key       the record key, which orders records of one aggregate
     * @param eventType the CloudEvents {@code ce_type}
     * @param payload   serialized as JSON into the record value
     * @return the CloudEvents id ({@code ce_id}) the record will carry
     */
    public Uni<UUID> enqueue(String topic, String key, String eventType, Object payload) {
        OutboxRecord record = prepare(topic, key, eventType, payload);
        OutboxMessage message = new OutboxMessage();
        message.eventId = record.eventId();
        message.topic = record.topic();
        message.recordKey = record.key();
        message.eventType = record.eventType();
        message.payload = record.payload();
        message.occurredAt = record.occurredAt();
        message.traceParent = record.traceParent();
        RelayAfterCommit.recordWritten();
        return message.persist().replaceWith(message.eventId);
    }

    /** A record for the caller's own SQL to insert; nothing is written until it does. */
    public OutboxRecord prepare(String topic, String key, String eventType, Object payload) {
        return new OutboxRecord(UUID.randomUUID(), topic, key, eventType, toJson(payload), Instant.now(), traceParents.current());
    }

    /** The caller's SQL committed records it inserted: relay them now. */
    public void committed() {
        relay.relaySoon();
    }

    private String toJson(Object payload) {
        try {
            return objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Outbox payload is not serializable: " + payload.getClass().getName(), e);
        }
    }
}
