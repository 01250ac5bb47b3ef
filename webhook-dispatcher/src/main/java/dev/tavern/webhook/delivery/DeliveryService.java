package dev.tavern.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.tavern.http.errors.ApiException;
import dev.tavern.outbox.OutboxRecord;
import dev.tavern.webhook.WebhookConfig;
import dev.tavern.webhook.intake.SchedulingEvent;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Owns the delivery rows and their attempts. Intake and attempts, the hot path, are one statement each on the reactive
 * client; the operator's reads and redeliveries use Hibernate Reactive.
 */
@ApplicationScoped
public class DeliveryService {

    private final Pool pool;
    private final DeliveryOutcomes outcomes;
    private final WebhookConfig config;
    private final RetrySchedule schedule;
    private final String insertSql;
    private final String recordRetrySql;
    private final String recordEndSql;

    DeliveryService(Pool pool, DeliveryOutcomes outcomes, WebhookConfig config,
                    @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.pool = pool;
        this.outcomes = outcomes;
        this.config = config;
        this.schedule = new RetrySchedule(config.retryInterval(), config.retryWindow());
        this.insertSql = """
                INSERT INTO %1$s.delivery (id, cloud_event_id, tenant_id, event_id, event_type, target_url, payload,
                                           status, attempt_count, created_at, next_attempt_at, trace_parent)
                VALUES ($1, $2, $3, $4, $5, $6, $7, 'PENDING', 0, $8, $8, $9)
                ON CONFLICT (cloud_event_id) DO NOTHING""".formatted(schema);
        String recordSql = """
                WITH attempt AS (INSERT INTO %1$s.delivery_attempt (delivery_id, attempt_number, attempted_at, status_code,
                                                                    latency_ms, error, response_body)
                                 VALUES ($1::uuid, $2::int, $3::timestamptz, $4::int, $5::bigint, $6::text, $7::text)),
                     updated AS (UPDATE %1$s.delivery
                                 SET status = $8::text, next_attempt_at = $9::timestamptz, completed_at = $10::timestamptz,
                                     last_error = $11::text
                                 WHERE id = $1::uuid AND status = 'PENDING' AND (attempt_count = $2::int OR $12::boolean)
                                 RETURNING id)""".formatted(schema);
        this.recordRetrySql = recordSql + " SELECT id FROM updated";
        this.recordEndSql = recordSql + """
                ,
                     announced AS (INSERT INTO %1$s.outbox_message (%2$s) SELECT %3$s FROM updated)
                SELECT id FROM updated""".formatted(schema, OutboxRecord.COLUMNS, OutboxRecord.values(13));
    }

    /**
     * Records a delivery for a scheduling record, once per CloudEvent id: a redelivered record
     * finds its row already there (a constraint, not a check-then-insert).
     *
     * @return the new delivery's id, or empty when the record was seen before
     */
    public Uni<Optional<UUID>> record(UUID cloudEventId, SchedulingEvent event, String payload, String traceParent) {
        UUID id = UUID.randomUUID();
        Tuple parameters = Tuple.of(id, cloudEventId, event.tenantId(), event.eventId(), event.type(), event.fromUrl())
                .addString(payload)
                .addOffsetDateTime(OffsetDateTime.now(ZoneOffset.UTC))
                .addString(traceParent);
        return pool.preparedQuery(insertSql).execute(parameters)
                .map(rows -> rows.rowCount() == 1 ? Optional.of(id) : Optional.empty());
    }

    /**
     * Records an attempt and decides what follows: DELIVERED on 2xx; FAILED for a refused
     * target (a host that does not resolve is not one: it is retried like any failure), or when
     * the retry window has no room for another attempt; otherwise the next attempt of the
     * {@link RetrySchedule}. A delivery that ends is announced on the outcomes topic, in the same statement.
     * <p>
     * The outcome applies only to the claim it belongs to: the update takes the delivery's row lock and applies when
     * it is still pending and not claimed again since (this attempt's lease ran out, say, because its instance froze),
     * or when this attempt succeeded. Otherwise the attempt is recorded and changes nothing else, so it can neither
     * turn DELIVERED into FAILED nor announce a second outcome. A late success still ends a pending delivery: the
     * receiver has it, and ignoring that would only send it once more.
     *
     * @return the delivery's status after this attempt, or empty when the attempt changed nothing
     */
    public Uni<Optional<DeliveryStatus>> recordAttempt(Claim claim, AttemptOutcome outcome) {
        Instant now = Instant.now();
        Optional<Instant> nextAttempt = schedule.next(claim.firstAttemptAt(), outcome.attemptedAt());
        DeliveryStatus status;
        String reason;
        if (outcome.succeeded()) {
            status = DeliveryStatus.DELIVERED;
            reason = null;
        } else if (outcome.refused()) {
            status = DeliveryStatus.FAILED;
            reason = "Refused: " + outcome.error();
        } else if (nextAttempt.isEmpty()) {
            status = DeliveryStatus.FAILED;
            reason = "No 2xx within " + format(config.retryWindow()) + " after " + claim.attemptNumber()
                    + " attempts; last: " + outcome.describe();
        } else {
            status = DeliveryStatus.PENDING;
            reason = outcome.describe();
        }
        boolean ends = status != DeliveryStatus.PENDING;
        Tuple parameters = Tuple.of(claim.id(), claim.attemptNumber(), utc(outcome.attemptedAt()), outcome.statusCode(),
                        outcome.latencyMs(), outcome.error())
                .addString(outcome.responseBody())
                .addString(status.name())
                .addOffsetDateTime(ends ? null : utc(nextAttempt.get()))
                .addOffsetDateTime(ends ? utc(now) : null)
                .addString(reason)
                .addBoolean(outcome.succeeded());
        if (ends) {
            outcomes.ended(claim, status, reason, now, outcome).addTo(parameters);
        }
        return pool.preparedQuery(ends ? recordEndSql : recordRetrySql).execute(parameters)
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.<DeliveryStatus>empty();
                    }
                    if (ends) {
                        outcomes.committed();
                    }
                    return Optional.of(status);
                });
    }

    /**
     * A fresh attempt now, with a new retry window, for a delivery that has ended; a FAILED one comes back to life. A
     * pending one (waiting for its next attempt, or in one) answers 409: it is attempted on its schedule already, and
     * a second attempt beside it could send it twice.
     */
    @WithTransaction
    public Uni<Delivery> redeliver(UUID id) {
        return Delivery.<Delivery>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Delivery not found", "No delivery " + id))
                .invoke(delivery -> {
                    if (delivery.status == DeliveryStatus.PENDING) {
                        throw ApiException.conflict("Delivery " + id + " is pending: it is attempted on its schedule");
                    }
                    delivery.status = DeliveryStatus.PENDING;
                    delivery.nextAttemptAt = Instant.now();
                    delivery.firstAttemptAt = null;
                    delivery.completedAt = null;
                });
    }

    @WithSession
    public Uni<Delivery> find(UUID id) {
        return Delivery.<Delivery>findById(id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Delivery not found", "No delivery " + id));
    }

    @WithSession
    public Uni<List<DeliveryAttempt>> attemptsOf(List<UUID> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return DeliveryAttempt.list("deliveryId in ?1 order by attemptNumber", deliveryIds);
    }

    /** Newest first, filtered by whichever criteria are given. */
    @WithSession
    public Uni<List<Delivery>> search(Long eventId, DeliveryStatus status, Instant since, Instant until, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (eventId != null) {
            query.append(" and eventId = :eventId");
            parameters.and("eventId", eventId);
        }
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        if (since != null) {
            query.append(" and createdAt >= :since");
            parameters.and("since", since);
        }
        if (until != null) {
            query.append(" and createdAt < :until");
            parameters.and("until", until);
        }
        return Delivery.<Delivery>find(query + " order by createdAt desc", parameters).page(0, limit).list();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String format(Duration duration) {
        return duration.toString().substring(2).toLowerCase();
    }
}
