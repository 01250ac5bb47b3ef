package dev.tavern.webhook.delivery;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/** Makes attempts: sends a pending delivery and records what happened. */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);

    private final DeliveryService deliveries;
    private final WebhookSender sender;

    DeliveryDispatcher(DeliveryService deliveries, WebhookSender sender) {
        this.deliveries = deliveries;
        this.sender = sender;
    }

    /** Starts an attempt without making the caller wait for the receiver. */
    public void attemptSoon(UUID deliveryId) {
        attempt(deliveryId).subscribe().with(
                ignored -> { },
                failure -> LOG.errorf(failure, "Attempt of delivery %s could not be recorded", deliveryId));
    }

    Uni<Void> attempt(UUID deliveryId) {
        return deliveries.pending(deliveryId)
                .onItem().ifNotNull().transformToUni(delivery -> sender.send(delivery)
                        .invoke(outcome -> LOG.debugf("Delivery %s to %s: %s", deliveryId, delivery.targetUrl, outcome.describe()))
                        .flatMap(outcome -> deliveries.recordAttempt(deliveryId, outcome)));
    }
}
