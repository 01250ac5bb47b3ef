package dev.tavern.webhook.delivery;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.outbox.Outbox;
import dev.tavern.outbox.OutboxRecord;

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

    /** The record announcing that the claimed delivery ended with its attempt {@code last}, for the caller's SQL to insert. */
    OutboxRecord ended(Claim claim, DeliveryStatus status, String reason, Instant completedAt, AttemptOutcome last) {
        DeliveryOutcome outcome = new DeliveryOutcome(claim.id(), claim.id().toString(), claim.cloudEventId(), claim.tenantId(),
                claim.eventId(), claim.eventType(), status.name(), claim.attemptNumber(), last.statusCode(), reason, completedAt);
        return outbox.prepare(TOPIC, Long.toString(claim.eventId()),
                "tavern.webhooks.delivery." + status.name().toLowerCase(Locale.ROOT), outcome);
    }

    /** The records the caller's SQL inserted are committed: relay them now. */
    void committed() {
        outbox.committed();
    }
}
