package dev.tavern.scheduler.topic;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.tavern.outbox.OutboxRecord;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * An outbox record as the Hibernate Reactive session writes it ({@link HibernateOutbox}); the outbox's relay reads and
 * marks it with SQL of its own.
 */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, updatable = false)
    public UUID eventId;

    @Column(nullable = false, updatable = false)
    public String topic;

    @Column(name = "record_key", nullable = false, updatable = false)
    public String recordKey;

    @Column(name = "event_type", nullable = false, updatable = false)
    public String eventType;

    @Column(nullable = false, updatable = false)
    public String payload;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    /** The W3C trace context of the change's request, null outside a trace. */
    @Column(name = "trace_parent", updatable = false)
    public String traceParent;

    static OutboxMessage of(OutboxRecord record) {
        OutboxMessage message = new OutboxMessage();
        message.eventId = record.eventId();
        message.topic = record.topic();
        message.recordKey = record.key();
        message.eventType = record.eventType();
        message.payload = record.payload();
        message.occurredAt = record.occurredAt();
        message.traceParent = record.traceParent();
        return message;
    }
}
