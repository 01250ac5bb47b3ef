package dev.tavern.webhook.operator;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.tavern.webhook.delivery.Delivery;
import dev.tavern.webhook.delivery.DeliveryAttempt;
import dev.tavern.webhook.delivery.DeliveryStatus;

/** A delivery as operators see it, with every attempt. */
public record DeliveryView(UUID id, String webhookId, UUID cloudEventId, String tenantId, long eventId, String eventType,
                           String targetUrl, DeliveryStatus status, int attemptCount, Instant createdAt, Instant firstAttemptAt,
                           Instant nextAttemptAt, Instant completedAt, String lastError, String payload, List<AttemptView> attempts) {

    public record AttemptView(int number, Instant attemptedAt, Integer statusCode, long latencyMs, String error,
                              String responseBody) {
    }

    static DeliveryView of(Delivery d, List<DeliveryAttempt> attempts) {
        return new DeliveryView(d.id, d.id.toString(), d.cloudEventId, d.tenantId, d.eventId, d.eventType, d.targetUrl, d.status,
                d.attemptCount, d.createdAt, d.firstAttemptAt, d.nextAttemptAt, d.completedAt, d.lastError, d.payload,
                attempts.stream().filter(a -> a.deliveryId.equals(d.id))
                        .map(a -> new AttemptView(a.attemptNumber, a.attemptedAt, a.statusCode, a.latencyMs, a.error, a.responseBody))
                        .toList());
    }
}
