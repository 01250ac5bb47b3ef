package dev.tavern.webhook.delivery;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.tavern.webhook.intake.SchedulingEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Owns the delivery rows and their attempts. */
@ApplicationScoped
public class DeliveryService {

    private final WebhookPayloads payloads;

    DeliveryService(WebhookPayloads payloads) {
        this.payloads = payloads;
    }

    /**
     * Records a delivery for a scheduling record, once per CloudEvent id: a redelivered record
     * finds its row already there (a constraint, not a check-then-insert).
     *
     * @return the new delivery's id, or empty when the record was seen before
     */
    @WithTransaction
    public Uni<Optional<UUID>> record(UUID cloudEventId, SchedulingEvent event) {
        UUID id = UUID.randomUUID();
        return Panache.getSession().flatMap(session -> insertOnce(session, id, cloudEventId, event))
                .map(inserted -> inserted == 1 ? Optional.of(id) : Optional.empty());
    }

    private Uni<Integer> insertOnce(Mutiny.Session session, UUID id, UUID cloudEventId, SchedulingEvent event) {
        return session.createNativeQuery("""
                        INSERT INTO {h-schema}delivery (id, cloud_event_id, tenant_id, event_id, event_type, target_url, payload,
                                              status, attempt_count, created_at, next_attempt_at)
                        VALUES (:id, :cloudEventId, :tenantId, :eventId, :eventType, :targetUrl, :payload,
                                'PENDING', 0, :now, :now)
                        ON CONFLICT (cloud_event_id) DO NOTHING""")
                .setParameter("id", id)
                .setParameter("cloudEventId", cloudEventId)
                .setParameter("tenantId", event.tenantId())
                .setParameter("eventId", event.eventId())
                .setParameter("eventType", event.type())
                .setParameter("targetUrl", event.fromUrl())
                .setParameter("payload", payloads.render(event))
                .setParameter("now", Instant.now())
                .executeUpdate();
    }

    /** The delivery if an attempt is still due, otherwise null. */
    @WithTransaction
    public Uni<Delivery> pending(UUID id) {
        return Delivery.<Delivery>findById(id)
                .map(delivery -> delivery != null && delivery.status == DeliveryStatus.PENDING ? delivery : null);
    }

    @WithTransaction
    public Uni<Void> recordAttempt(UUID deliveryId, AttemptOutcome outcome) {
        DeliveryAttempt attempt = new DeliveryAttempt();
        attempt.deliveryId = deliveryId;
        attempt.attemptedAt = outcome.attemptedAt();
        attempt.statusCode = outcome.statusCode();
        attempt.latencyMs = outcome.latencyMs();
        attempt.error = outcome.error();
        attempt.responseBody = outcome.responseBody();
        return attempt.persist()
                .flatMap(saved -> Delivery.<Delivery>findById(deliveryId))
                .invoke(delivery -> {
                    delivery.attemptCount++;
                    if (outcome.succeeded()) {
                        delivery.status = DeliveryStatus.DELIVERED;
                        delivery.completedAt = Instant.now();
                        delivery.nextAttemptAt = null;
                        delivery.lastError = null;
                    } else {
                        delivery.lastError = outcome.describe();
                    }
                })
                .replaceWithVoid();
    }
}
