package dev.tavern.webhook.delivery;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.outbox.Outbox;
import io.smallrye.mutiny.Uni;

/** Announces how each delivery ended on {@code tavern.webhooks.deliveries.v1}, through the outbox. */
@ApplicationScoped
public class DeliveryOutcomes {

    public static final String TOPIC = "tavern.webhooks.deliveries.v1";

    /** The value of a record on the outcomes topic; see docs/contracts for the contract. */
    public record DeliveryOutcome(UUID deliveryId, String webhookId, UUID cloudEventId, String tenantId, long eventId,
                                  String eventType, String status, int attempts, Integer lastStatusCode, String reason,
                                  Instant completedAt) {
    }

    private final Outbox outbox;

    DeliveryOutcomes(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<UUID> ended(Delivery delivery, AttemptOutcome last) {
        DeliveryOutcome outcome = new DeliveryOutcome(delivery.id, delivery.id.toString(), delivery.cloudEventId,
                delivery.tenantId, delivery.eventId, delivery.eventType, delivery.status.name(), delivery.attemptCount,
                last.statusCode(), delivery.status == DeliveryStatus.DELIVERED ? null : delivery.lastError, delivery.completedAt);
        return outbox.enqueue(TOPIC, Long.toString(delivery.eventId),
                "tavern.webhooks.delivery." + delivery.status.name().toLowerCase(Locale.ROOT), outcome);
    }
}
