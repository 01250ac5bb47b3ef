package dev.tavern.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes outbox records to Kafka, in id order, and marks them sent.
 *
 * <p>One relay at a time per schema holds a transaction-scoped advisory lock, so replicas
 * never publish the same row concurrently and records of one key keep their order; if
 * the holder dies, Postgres releases the lock with its connection and another replica
 * takes over. Records are marked sent in the transaction that read them, only after
 * Kafka acknowledged every one: a failure leaves them unsent and they go out again
 * (at-least-once; consumers deduplicate on {@code ce_id}).
 *
 * <p>A relay runs as soon as a transaction of its own replica that wrote records commits
 * ({@link Outbox#committed()}), and on a short poll, which picks up what other replicas committed while one held the
 * lock. No trigger NOTIFYs: a NOTIFY takes a lock that serialises every commit of the database.
 *
 * <p>The lock must not outlive a holder that stops answering without closing its connection (a frozen process, a
 * network partition): the relay's transaction tells Postgres to end it when it sits idle longer than the publish
 * timeout plus a margin, and its statements time out after that margin, so another replica takes over within
 * {@code publish-timeout + transaction-margin} (20 s by default) plus one poll.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final DateTimeFormatter CE_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private final Pool pool;
    private final OutboxProducer producer;
    private final OutboxConfig config;
    private final Vertx vertx;
    private final TraceParents traceParents;
    private final Tracer tracer;
    private final Duration idleInTransactionTimeout;
    private final String lockName;
    private final String lockAndSelect;

    private final AtomicBoolean running = new AtomicBoolean();
    /** The records of the last batch sent; the next run waits until each has an outcome. */
    private volatile Uni<Void> lastBatchSettled = Uni.createFrom().voidItem();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean started;
    private volatile boolean stopped;
    private long pollTimer;
    private long purgeTimer;

    OutboxRelay(Pool pool, OutboxProducer producer, OutboxConfig config, Vertx vertx, TraceParents traceParents, Tracer tracer) {
        this.pool = pool;
        this.producer = producer;
        this.config = config;
        this.vertx = vertx;
        this.traceParents = traceParents;
        this.tracer = tracer;
        this.idleInTransactionTimeout = config.publishTimeout().plus(config.transactionMargin());
        this.lockName = "tavern.outbox." + config.schema();
        this.lockAndSelect = lockAndSelect(config.schema());
    }

    /** Relaying starts once the application is up. */
    void start(@Observes StartupEvent event) {
        started = true;
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> relaySoon());
        purgeTimer = vertx.setPeriodic(PURGE_INTERVAL.toMillis(), id -> purgeSent().subscribe().with(
                purged -> LOG.debugf("Purged %d sent outbox records", purged),
                failure -> LOG.warnf("Purging sent outbox records failed: %s", failure.toString())));
        relaySoon();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(purgeTimer);
    }

    /** Starts a relay run now, or right after the one under way: calls coalesce, runs never overlap. */
    public void relaySoon() {
        requested.set(true);
        if (started && !stopped && running.compareAndSet(false, true)) {
            requested.set(false);
            lastBatchSettled.flatMap(settled -> relayBatch()).subscribe().with(this::afterRun, failure -> {
                LOG.warnf("Outbox relay of schema %s failed, records stay queued: %s", config.schema(), failure.toString());
                afterRun(0);
            });
        }
    }

    private void afterRun(int relayed) {
        running.set(false);
        if (relayed >= config.batchSize()) {
            requested.set(true);
        }
        if (requested.get()) {
            // Leave the event loop before the next batch so a long backlog never starves it.
            Infrastructure.getDefaultExecutor().execute(this::relaySoon);
        }
    }

    /** Relays one batch now; emits how many records were published (0 when another replica is relaying). */
    public Uni<Integer> relayBatch() {
        return pool.withTransaction(connection -> connection.preparedQuery(lockAndSelect)
                .execute(Tuple.of(lockName, millis(idleInTransactionTimeout), millis(config.transactionMargin()), config.batchSize()))
                .flatMap(rows -> publish(connection, rows)));
    }

    /**
     * One round trip: bounds the transaction (transaction-local settings), tries the lock, and only if it got it reads
     * the batch. A CTE with volatile functions is evaluated once, before the rows are read.
     * <p>
     * The relay's commit does not wait for its WAL to reach the disk ({@code synchronous_commit} off for this
     * transaction alone): it records only that rows were sent, and a crash that loses it sends them again, which
     * at-least-once delivery already allows (consumers deduplicate on {@code ce_id}). The wait was a disk flush in
     * every batch, and every roll committed meanwhile waited for the next batch behind it.
     */
    private static String lockAndSelect(String schema) {
        return """
                WITH relay AS (SELECT set_config('idle_in_transaction_session_timeout', $2, true),
                                      set_config('statement_timeout', $3, true),
                                      set_config('synchronous_commit', 'off', true),
                                      pg_try_advisory_xact_lock(hashtext($1)) AS locked)
                SELECT m.id, m.event_id, m.topic, m.record_key, m.event_type, m.payload, m.occurred_at, m.trace_parent
                FROM %s.outbox_message m, relay
                WHERE relay.locked AND m.sent_at IS NULL
                ORDER BY m.id LIMIT $4
                FOR UPDATE OF m SKIP LOCKED""".formatted(schema);
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }

    /**
     * Sends the batch and marks it sent once the broker acknowledged every record. Past the publish timeout, or when a
     * record failed, the transaction rolls back (the lock is free for another replica), but this relay's next run waits
     * until every record of the batch has an outcome, and first marks sent those the broker did take: while the broker
     * is away a record can wait for the producer (metadata, {@code max.block.ms}) longer than any timeout of the
     * relay's, and sending its row again would publish it twice once the broker is back.
     */
    private Uni<Integer> publish(SqlConnection connection, RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Uni.createFrom().item(0);
        }
        List<Long> ids = new ArrayList<>(rows.size());
        List<ProducerRecord<String, String>> records = new ArrayList<>(rows.size());
        List<Span> spans = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ids.add(row.getLong("id"));
            Span span = publishSpan(row);
            spans.add(span);
            records.add(toRecord(row, span));
        }
        Executor relayLoop = vertx.getOrCreateContext()::runOnContext;
        CompletableFuture<OutboxProducer.Outcomes> sent = producer.send(records).whenComplete((outcomes, failure) -> endSpans(spans, outcomes));
        AtomicBoolean markedInTransaction = new AtomicBoolean();
        lastBatchSettled = Uni.createFrom().completionStage(sent)
                .flatMap(outcomes -> markedInTransaction.get() ? Uni.createFrom().voidItem() : markSent(pool, acknowledged(ids, outcomes)))
                .onFailure().invoke(failure -> LOG.warnf("Marking the records the broker took as sent failed, they go out again: %s",
                        failure.toString()))
                .onFailure().recoverWithNull()
                .memoize().indefinitely();
        return Uni.createFrom().completionStage(sent)
                // The outcomes arrive on the producer's network thread: the transaction goes on on the relay's event loop.
                .emitOn(relayLoop)
                .ifNoItem().after(config.publishTimeout()).fail()
                .invoke(outcomes -> {
                    if (outcomes.refused() > 0) {
                        throw new IllegalStateException("The broker did not take " + outcomes.refused() + " of " + ids.size() + " records: "
                                + outcomes.firstFailure());
                    }
                    markedInTransaction.set(true);
                })
                .flatMap(outcomes -> markSent(connection, ids))
                .replaceWith(ids.size());
    }

    private static List<Long> acknowledged(List<Long> ids, OutboxProducer.Outcomes outcomes) {
        List<Long> acknowledged = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            if (outcomes.acknowledged()[i]) {
                acknowledged.add(ids.get(i));
            }
        }
        return acknowledged;
    }

    /** Marks records sent, within the relay's transaction or, for a batch it rolled back, on their own. */
    private Uni<Void> markSent(SqlClient client, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("UPDATE " + config.schema() + ".outbox_message SET sent_at = now() WHERE id = ANY($1) AND sent_at IS NULL")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /** The record's publish span continues the trace of the request that made the change; its consumers continue it. */
    private Span publishSpan(Row row) {
        return tracer.spanBuilder(row.getString("topic") + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(traceParents.restore(row.getString("trace_parent")))
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", row.getString("topic"))
                .setAttribute("messaging.message.id", row.getUUID("event_id").toString())
                .startSpan();
    }

    private static void endSpans(List<Span> spans, OutboxProducer.Outcomes outcomes) {
        for (int i = 0; i < spans.size(); i++) {
            if (outcomes == null || !outcomes.acknowledged()[i]) {
                spans.get(i).setStatus(StatusCode.ERROR, "Not acknowledged by the broker");
            }
            spans.get(i).end();
        }
    }

    private ProducerRecord<String, String> toRecord(Row row, Span publish) {
        OffsetDateTime occurredAt = row.getOffsetDateTime("occurred_at").withOffsetSameInstant(ZoneOffset.UTC);
        Headers headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", row.getUUID("event_id").toString());
        header(headers, "ce_type", row.getString("event_type"));
        header(headers, "ce_source", config.source());
        header(headers, "ce_time", CE_TIME.format(occurredAt));
        header(headers, "content-type", "application/json");
        String traceParent = traceParents.of(Context.root().with(publish));
        if (traceParent != null) {
            header(headers, TraceParents.TRACEPARENT, traceParent);
        }
        return new ProducerRecord<>(row.getString("topic"), null, row.getString("record_key"), row.getString("payload"), headers);
    }

    private static void header(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Sent records are kept for audit and replay, then purged. */
    private Uni<Integer> purgeSent() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention());
        return pool.preparedQuery("DELETE FROM " + config.schema() + ".outbox_message WHERE sent_at < $1")
                .execute(Tuple.of(cutoff))
                .map(rows -> rows.rowCount());
    }
}
