package dev.tavern.scheduler.topic;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.outbox.Outbox;
import dev.tavern.outbox.OutboxRecord;
import io.smallrye.mutiny.Uni;

/**
 * Writes outbox records through the Hibernate Reactive session of a {@code @WithTransaction} method, so a record commits
 * with the entities it announces; the relay wakes once that method's transaction has committed ({@link RelayAfterCommit}).
 */
@ApplicationScoped
public class HibernateOutbox {

    private final Outbox outbox;

    HibernateOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * @see Outbox#prepare
     * @return the CloudEvents id ({@code ce_id}) the record will carry
     */
    public Uni<UUID> enqueue(String topic, String key, String eventType, Object payload) {
        OutboxRecord record = outbox.prepare(topic, key, eventType, payload);
        RelayAfterCommit.recordWritten();
        return OutboxMessage.of(record).persist().replaceWith(record.eventId());
    }
}
