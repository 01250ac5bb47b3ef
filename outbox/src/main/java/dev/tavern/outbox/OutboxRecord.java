package dev.tavern.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * An outbox record for SQL of the caller's own ({@link Outbox#prepare}), for hot paths that write their state change and
 * its record in one statement.
 */
public record OutboxRecord(UUID eventId, String topic, String key, String eventType, String payload, Instant occurredAt,
                           String traceParent) {

    /** The columns an insert sets, in the order of {@link #values} and {@link #addTo}. */
    public static final String COLUMNS = "event_id, topic, record_key, event_type, payload, occurred_at, trace_parent";

    /**
     * The values of {@link #COLUMNS} as parameters from {@code $first}, typed, so they also serve as the select list of
     * {@code INSERT INTO <schema>.outbox_message (COLUMNS) SELECT … FROM …}, where PostgreSQL infers no parameter type.
     */
    public static String values(int first) {
        return "$%d::uuid, $%d::text, $%d::text, $%d::text, $%d::text, $%d::timestamptz, $%d::text"
                .formatted(first, first + 1, first + 2, first + 3, first + 4, first + 5, first + 6);
    }

    /** Adds this record's values to a statement's parameters, in the order of {@link #COLUMNS}. */
    public Tuple addTo(Tuple parameters) {
        return parameters.addUUID(eventId).addString(topic).addString(key).addString(eventType).addString(payload)
                .addOffsetDateTime(OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC)).addString(traceParent);
    }
}
