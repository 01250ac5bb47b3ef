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
import dev.tavern.webhook.intake.NewDelivery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Owns the delivery rows and their attempts. Intake and attempts, the hot path, are written in batches on the reactive
 * client: a poll's records in one statement, the attempts that finish together in one ({@link AttemptBatches}); the
 * operator's reads and redeliveries use Hibernate Reactive.
 */
@ApplicationScoped
public class DeliveryService {

    private final Pool pool;
    private final DeliveryOutcomes outcomes;
    private final WebhookConfig config;
    private final RetrySchedule schedule;
    private final String insertSql;
    private final AttemptBatches attempts;

    DeliveryService(Pool pool, DeliveryOutcomes outcomes, AttemptBatches attempts, WebhookConfig config,
                    @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.pool = pool;
        this.outcomes = outcomes;
        this.attempts = attempts;
        this.config = config;
        this.schedule = new RetrySchedule(config.retryInterval(), config.retryWindow());
        // In the batch's order, so that intake_seq orders each event's deliveries as its records were.
        this.insertSql = """
                INSERT INTO %1$s.delivery (id, cloud_event_id, tenant_id, event_id, event_type, target_url, payload,
                                           status, attempt_count, created_at, next_attempt_at, trace_parent)
                SELECT n.id, n.cloud_event_id, n.tenant_id, n.event_id, n.event_type, n.target_url, n.payload,
                       'PENDING', 0, $9, $9, n.trace_parent
                FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[])
                     WITH ORDINALITY AS n(id, cloud_event_id, tenant_id, event_id, event_type, target_url, payload, trace_parent, position)
                ORDER BY n.position
                ON CONFLICT (cloud_event_id) DO NOTHING""".formatted(schema);
    }

    /**
     * Records the deliveries of a batch of scheduling records in one statement, once per CloudEvent id: a redelivered
     * record finds its row already there (a constraint, not a check-then-insert).
     *
     * @return how many deliveries are new
     */
    public Uni<Integer> record(List<NewDelivery> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        int size = batch.size();
        UUID[] ids = new UUID[size];
        UUID[] cloudEventIds = new UUID[size];
        String[] tenantIds = new String[size];
        Long[] eventIds = new Long[size];
        String[] types = new String[size];
        String[] targets = new String[size];
        String[] payloads = new String[size];
        String[] traceParents = new String[size];
        for (int i = 0; i < size; i++) {
            NewDelivery delivery = batch.get(i);
            ids[i] = UUID.randomUUID();
            cloudEventIds[i] = delivery.cloudEventId();
            tenantIds[i] = delivery.event().tenantId();
            eventIds[i] = delivery.event().eventId();
            types[i] = delivery.event().type();
            targets[i] = delivery.event().fromUrl();
            payloads[i] = delivery.payload();
            traceParents[i] = delivery.traceParent();
        }
        Tuple parameters = Tuple.tuple(List.of(ids, cloudEventIds, tenantIds, eventIds, types, targets, payloads, traceParents,
                OffsetDateTime.now(ZoneOffset.UTC)));
        return pool.preparedQuery(insertSql).execute(parameters).map(rows -> rows.rowCount());
    }

    /**
     * Records an attempt and decides what follows: DELIVERED on 2xx; FAILED for a refused
     * target (a host that does not resolve is not one: it is retried like any failure), or when
     * the retry window has no room for another attempt; otherwise the next attempt of the
     * {@link RetrySchedule}. A delivery that ends is announced on the outcomes topic, in the same statement, which the
     * attempts finishing meanwhile share.
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
        OutboxRecord announcement = ends ? outcomes.ended(claim, status, reason, now, outcome) : null;
        return attempts.write(new AttemptBatches.LogEntry(claim, outcome, status, ends ? null : nextAttempt.get(), ends ? now : null,
                        reason, announcement))
                .map(applied -> applied ? Optional.of(status) : Optional.<DeliveryStatus>empty());
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

    private static String format(Duration duration) {
        return duration.toString().substring(2).toLowerCase();
    }
}
