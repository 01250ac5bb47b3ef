package dev.tavern.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes Kafka records into the outbox, in the transaction that makes the state change: both commit together or
 * neither does. A record keeps the request's trace context, so its consumers continue the same trace.
 *
 * <p>The caller {@link #prepare}s a record and writes it in its transaction: with {@link #insert}, or in a statement of its
 * own ({@link OutboxRecord#COLUMNS}) where the state change and its record take one round trip. Once the transaction
 * has committed, {@link #committed()} wakes the relay.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper objectMapper;
    private final TraceParents traceParents;
    private final OutboxRelay relay;
    private final String insertSql;

    Outbox(ObjectMapper objectMapper, TraceParents traceParents, OutboxRelay relay, OutboxConfig config) {
        this.objectMapper = objectMapper;
        this.traceParents = traceParents;
        this.relay = relay;
        this.insertSql = "INSERT INTO " + config.schema() + ".outbox_message (" + OutboxRecord.COLUMNS + ") VALUES ("
                + OutboxRecord.values(1) + ")";
    }

    /**
     * A record for the caller to insert; nothing is written until it does.
     *
     * @param topic     the Kafka topic
     * @param key       the record key, which orders records of one aggregate
     * @param eventType the CloudEvents {@code ce_type}
     * @param payload   serialized as JSON into the record value
     */
    public OutboxRecord prepare(String topic, String key, String eventType, Object payload) {
        return new OutboxRecord(UUID.randomUUID(), topic, key, eventType, toJson(payload), Instant.now(), traceParents.current());
    }

    /** Inserts the records on the caller's connection, in its transaction; one round trip for all of them. */
    public Uni<Void> insert(SqlClient transaction, List<OutboxRecord> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return transaction.preparedQuery(insertSql).executeBatch(records.stream().map(record -> record.addTo(Tuple.tuple())).toList())
                .replaceWithVoid();
    }

    /** The caller's transaction committed records it inserted: relay them now. */
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
