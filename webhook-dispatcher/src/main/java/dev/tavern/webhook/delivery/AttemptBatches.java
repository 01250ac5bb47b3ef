package dev.tavern.webhook.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.tavern.outbox.OutboxRecord;
import dev.tavern.webhook.WebhookConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/**
 * Writes attempts to the delivery log, those that finish while a write is under way together in the next one: one
 * statement inserts the batch's attempts, moves each delivery on while the claim is still its own (or the attempt
 * succeeded), and writes the outcome records of those that end. Under load the attempts of a poll share one round
 * trip and one commit; an attempt that finishes alone is written at once.
 */
@ApplicationScoped
class AttemptBatches {

    /** One attempt as the statement writes it; {@code outcome} announces its delivery's end, when the attempt ends it. */
    record LogEntry(Claim claim, AttemptOutcome attempt, DeliveryStatus status, Instant nextAttemptAt, Instant completedAt,
               String reason, OutboxRecord outcome) {
    }

    private record Waiting(LogEntry entry, UniEmitter<? super Boolean> applied) {
    }

    private final Pool pool;
    private final DeliveryOutcomes outcomes;
    private final int maxBatch;
    private final String recordSql;
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    AttemptBatches(Pool pool, DeliveryOutcomes outcomes, WebhookConfig config,
                   @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.pool = pool;
        this.outcomes = outcomes;
        this.maxBatch = config.maxConcurrentAttempts();
        this.recordSql = """
                WITH input AS (
                    SELECT * FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::int[], $5::bigint[], $6::text[], $7::text[],
                                         $8::text[], $9::timestamptz[], $10::timestamptz[], $11::text[], $12::boolean[],
                                         $13::uuid[], $14::text[], $15::text[], $16::text[], $17::text[], $18::timestamptz[], $19::text[])
                           AS i(delivery_id, attempt_number, attempted_at, status_code, latency_ms, error, response_body,
                                status, next_attempt_at, completed_at, last_error, succeeded,
                                event_id, topic, record_key, event_type, payload, occurred_at, trace_parent)),
                     attempt AS (INSERT INTO %1$s.delivery_attempt (delivery_id, attempt_number, attempted_at, status_code,
                                                                    latency_ms, error, response_body)
                                 SELECT delivery_id, attempt_number, attempted_at, status_code, latency_ms, error, response_body
                                 FROM input),
                     updated AS (UPDATE %1$s.delivery d
                                 SET status = i.status, next_attempt_at = i.next_attempt_at, completed_at = i.completed_at,
                                     last_error = i.last_error
                                 FROM input i
                                 WHERE d.id = i.delivery_id AND d.status = 'PENDING' AND (d.attempt_count = i.attempt_number OR i.succeeded)
                                 RETURNING d.id),
                     announced AS (INSERT INTO %1$s.outbox_message (%2$s)
                                   SELECT i.event_id, i.topic, i.record_key, i.event_type, i.payload, i.occurred_at, i.trace_parent
                                   FROM input i JOIN updated u ON u.id = i.delivery_id
                                   WHERE i.event_id IS NOT NULL)
                SELECT id FROM updated""".formatted(schema, OutboxRecord.COLUMNS);
    }

    /** Writes the attempt with the next batch: true when it applied to its delivery, false when it changed nothing else. */
    Uni<Boolean> write(LogEntry entry) {
        return Uni.createFrom().emitter(applied -> {
            waiting.add(new Waiting(entry, applied));
            writeWaiting();
        });
    }

    /** Starts a write of what waits, unless one is under way: its end starts the next. */
    private void writeWaiting() {
        while (!waiting.isEmpty() && writing.compareAndSet(false, true)) {
            List<Waiting> batch = new ArrayList<>();
            for (Waiting next; batch.size() < maxBatch && (next = waiting.poll()) != null; ) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                writing.set(false);
                continue;
            }
            pool.preparedQuery(recordSql).execute(parameters(batch)).onComplete(written -> {
                writing.set(false);
                if (written.succeeded()) {
                    applied(batch, written.result());
                } else {
                    batch.forEach(each -> each.applied().fail(written.cause()));
                }
                writeWaiting();
            });
            return;
        }
    }

    private void applied(List<Waiting> batch, RowSet<Row> updated) {
        Set<UUID> moved = new HashSet<>();
        for (Row row : updated) {
            moved.add(row.getUUID("id"));
        }
        if (batch.stream().anyMatch(each -> each.entry().outcome() != null && moved.contains(each.entry().claim().id()))) {
            outcomes.committed();
        }
        batch.forEach(each -> each.applied().complete(moved.contains(each.entry().claim().id())));
    }

    private static Tuple parameters(List<Waiting> batch) {
        int size = batch.size();
        UUID[] deliveryIds = new UUID[size];
        Integer[] attemptNumbers = new Integer[size];
        OffsetDateTime[] attemptedAt = new OffsetDateTime[size];
        Integer[] statusCodes = new Integer[size];
        Long[] latencies = new Long[size];
        String[] errors = new String[size];
        String[] responseBodies = new String[size];
        String[] statuses = new String[size];
        OffsetDateTime[] nextAttempts = new OffsetDateTime[size];
        OffsetDateTime[] completions = new OffsetDateTime[size];
        String[] reasons = new String[size];
        Boolean[] succeeded = new Boolean[size];
        UUID[] outcomeIds = new UUID[size];
        String[] topics = new String[size];
        String[] keys = new String[size];
        String[] types = new String[size];
        String[] payloads = new String[size];
        OffsetDateTime[] occurredAt = new OffsetDateTime[size];
        String[] traceParents = new String[size];
        for (int i = 0; i < size; i++) {
            LogEntry entry = batch.get(i).entry();
            AttemptOutcome attempt = entry.attempt();
            deliveryIds[i] = entry.claim().id();
            attemptNumbers[i] = entry.claim().attemptNumber();
            attemptedAt[i] = utc(attempt.attemptedAt());
            statusCodes[i] = attempt.statusCode();
            latencies[i] = attempt.latencyMs();
            errors[i] = attempt.error();
            responseBodies[i] = attempt.responseBody();
            statuses[i] = entry.status().name();
            nextAttempts[i] = utc(entry.nextAttemptAt());
            completions[i] = utc(entry.completedAt());
            reasons[i] = entry.reason();
            succeeded[i] = attempt.succeeded();
            OutboxRecord outcome = entry.outcome();
            if (outcome != null) {
                outcomeIds[i] = outcome.eventId();
                topics[i] = outcome.topic();
                keys[i] = outcome.key();
                types[i] = outcome.eventType();
                payloads[i] = outcome.payload();
                occurredAt[i] = utc(outcome.occurredAt());
                traceParents[i] = outcome.traceParent();
            }
        }
        return Tuple.tuple(List.of(deliveryIds, attemptNumbers, attemptedAt, statusCodes, latencies, errors, responseBodies,
                statuses, nextAttempts, completions, reasons, succeeded,
                outcomeIds, topics, keys, types, payloads, occurredAt, traceParents));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
