package dev.tavern.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.tavern.http.errors.ApiException;
import dev.tavern.webhook.WebhookConfig;
import dev.tavern.webhook.intake.SchedulingEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Owns the delivery rows and their attempts. */
@ApplicationScoped
public class DeliveryService {

    private final DeliveryOutcomes outcomes;
    private final WebhookConfig config;
    private final RetrySchedule schedule;

    DeliveryService(DeliveryOutcomes outcomes, WebhookConfig config) {
        this.outcomes = outcomes;
        this.config = config;
        this.schedule = new RetrySchedule(config.retryInterval(), config.retryWindow());
    }

    /**
     * Records a delivery for a scheduling record, once per CloudEvent id: a redelivered record
     * finds its row already there (a constraint, not a check-then-insert).
     *
     * @return the new delivery's id, or empty when the record was seen before
     */
    @WithTransaction
    public Uni<Optional<UUID>> record(UUID cloudEventId, SchedulingEvent event, String payload, String traceParent) {
        UUID id = UUID.randomUUID();
        return Panache.getSession().flatMap(session -> insertOnce(session, id, cloudEventId, event, payload, traceParent))
                .map(inserted -> inserted == 1 ? Optional.of(id) : Optional.empty());
    }

    private Uni<Integer> insertOnce(Mutiny.Session session, UUID id, UUID cloudEventId, SchedulingEvent event, String payload,
                                    String traceParent) {
        return session.createNativeQuery("""
                        INSERT INTO {h-schema}delivery (id, cloud_event_id, tenant_id, event_id, event_type, target_url, payload,
                                              status, attempt_count, created_at, next_attempt_at, trace_parent)
                        VALUES (:id, :cloudEventId, :tenantId, :eventId, :eventType, :targetUrl, :payload,
                                'PENDING', 0, :now, :now, :traceParent)
                        ON CONFLICT (cloud_event_id) DO NOTHING""")
                .setParameter("id", id)
                .setParameter("cloudEventId", cloudEventId)
                .setParameter("tenantId", event.tenantId())
                .setParameter("eventId", event.eventId())
                .setParameter("eventType", event.type())
                .setParameter("targetUrl", event.fromUrl())
                .setParameter("payload", payload)
                .setParameter("now", Instant.now())
                .setParameter("traceParent", traceParent)
                .executeUpdate();
    }

    /**
     * Records an attempt and decides what follows: DELIVERED on 2xx; FAILED for a refused
     * target (a host that does not resolve is not one: it is retried like any failure), or when
     * the retry window has no room for another attempt; otherwise the next attempt of the
     * {@link RetrySchedule}. A delivery that ends is announced on the outcomes topic.
     * <p>
     * The outcome applies only to the claim it belongs to: the delivery is read locked, and when it is no longer
     * pending, or has been claimed again since (this attempt's lease ran out, say, because its instance froze) and
     * this attempt failed, the attempt is recorded and changes nothing else, so it can neither turn DELIVERED into
     * FAILED nor announce a second outcome. A late success still ends a pending delivery: the receiver has it, and
     * ignoring that would only send it once more.
     */
    @WithTransaction
    public Uni<Delivery> recordAttempt(Claim claim, AttemptOutcome outcome) {
        DeliveryAttempt attempt = new DeliveryAttempt();
        attempt.deliveryId = claim.id();
        attempt.attemptNumber = claim.attemptNumber();
        attempt.attemptedAt = outcome.attemptedAt();
        attempt.statusCode = outcome.statusCode();
        attempt.latencyMs = outcome.latencyMs();
        attempt.error = outcome.error();
        attempt.responseBody = outcome.responseBody();
        return attempt.persist()
                .flatMap(saved -> Delivery.<Delivery>findById(claim.id(), LockModeType.PESSIMISTIC_WRITE))
                .flatMap(delivery -> {
                    boolean ownClaim = delivery.attemptCount == claim.attemptNumber();
                    if (delivery.status != DeliveryStatus.PENDING || !ownClaim && !outcome.succeeded()) {
                        return Uni.createFrom().item(delivery);
                    }
                    Instant now = Instant.now();
                    Optional<Instant> nextAttempt = schedule.next(delivery.firstAttemptAt, outcome.attemptedAt());
                    if (outcome.succeeded()) {
                        end(delivery, DeliveryStatus.DELIVERED, null, now);
                    } else if (outcome.refused()) {
                        end(delivery, DeliveryStatus.FAILED, "Refused: " + outcome.error(), now);
                    } else if (nextAttempt.isEmpty()) {
                        end(delivery, DeliveryStatus.FAILED, "No 2xx within " + format(config.retryWindow()) + " after "
                                + delivery.attemptCount + " attempts; last: " + outcome.describe(), now);
                    } else {
                        delivery.nextAttemptAt = nextAttempt.get();
                        delivery.lastError = outcome.describe();
                        return Uni.createFrom().item(delivery);
                    }
                    return outcomes.ended(delivery, outcome).replaceWith(delivery);
                });
    }

    private static void end(Delivery delivery, DeliveryStatus status, String reason, Instant now) {
        delivery.status = status;
        delivery.completedAt = now;
        delivery.nextAttemptAt = null;
        delivery.lastError = reason;
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
