package dev.tavern.load.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tavern.load.WebhookReceiver;
import dev.tavern.local.TavernService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What a community's receiver got, per event the drill created. The receiver counts acknowledgements per
 * {@code webhook-id} (the delivery's id, the same on every retry); the dispatcher's operator API tells which event each
 * delivery to that receiver is about, and how many attempts it took. Booked into the drill's ledger as arrivals of the
 * event's item, with the webhook-id as identity: a repeat of the same webhook-id is a recognisable duplicate, a second
 * delivery of the same event would not be.
 */
final class WebhookArrivals {

    /** A delivery the dispatcher made (or is making) to the drill's receiver. */
    record Delivery(String webhookId, String eventId, String targetUrl, int attemptCount, String status, Instant createdAt) {
    }

    private static final String DELIVERIES_PATH = "/api/operator/webhooks/deliveries";
    private static final int PAGE = 500;
    private static final long ANSWER_TIMEOUT_SECONDS = 30;

    private WebhookArrivals() {
    }

    /** Every delivery to {@code targetUrl} created since {@code since}, newest first. */
    private static List<Delivery> deliveriesTo(DrillKit kit, String targetUrl, Instant since) throws Exception {
        Map<String, Delivery> found = new LinkedHashMap<>();
        Instant until = null;
        while (true) {
            List<Delivery> page = page(kit, since, until);
            page.stream().filter(d -> targetUrl.equals(d.targetUrl())).forEach(d -> found.putIfAbsent(d.webhookId(), d));
            if (page.size() < PAGE) {
                return new ArrayList<>(found.values());
            }
            // "Created before" is exclusive: start the next page a microsecond later, so rows of the same instant are
            // read again rather than skipped (they are kept once, by id).
            until = page.get(page.size() - 1).createdAt().plusNanos(1000);
        }
    }

    /**
     * Waits until the receiver has acknowledged as many distinct webhooks as the drill's events were accepted (or the
     * timeout passes), then books what it got; answers the deliveries to {@code targetUrl} (the receiver's).
     */
    static List<Delivery> collect(DrillKit kit, Ledger ledger, WebhookReceiver receiver, String targetUrl, Instant since,
                                  Duration timeout, Timeline timeline) throws Exception {
        DrillKit.await(timeout, () -> receiver.distinctAcknowledged() >= ledger.acceptedCount());
        List<Delivery> deliveries = deliveriesTo(kit, targetUrl, since);
        book(ledger, receiver, deliveries);
        timeline.mark("%d webhooks received (%d distinct webhook-ids) of %d deliveries; %d accepted events without one",
                receiver.acknowledged(), receiver.distinctAcknowledged(), deliveries.size(), ledger.lost());
        return deliveries;
    }

    /** Books, for each delivery, every acknowledgement of its webhook-id as an arrival of its event's item. */
    private static void book(Ledger ledger, WebhookReceiver receiver, List<Delivery> deliveries) {
        Map<String, String> itemOfEvent = ledger.itemsByIdentity();
        Map<String, Long> acknowledged = receiver.acknowledgedById();
        for (Delivery delivery : deliveries) {
            // An event whose creation got no acknowledgement is booked under its id: an arrival nobody expected.
            String item = itemOfEvent.getOrDefault(delivery.eventId(), "event " + delivery.eventId());
            for (long i = acknowledged.getOrDefault(delivery.webhookId(), 0L); i > 0; i--) {
                ledger.seen(item, delivery.webhookId());
            }
        }
    }

    /** Deliveries the dispatcher attempted more than once: retried after a failure, or after a lost lease. */
    static long attemptedAgain(List<Delivery> deliveries) {
        return deliveries.stream().filter(d -> d.attemptCount() > 1).count();
    }

    static int mostAttempts(List<Delivery> deliveries) {
        return deliveries.stream().mapToInt(Delivery::attemptCount).max().orElse(0);
    }

    private static List<Delivery> page(DrillKit kit, Instant since, Instant until) throws Exception {
        String query = "?limit=" + PAGE + "&since=" + since + (until == null ? "" : "&until=" + until);
        JsonArray page = kit.clients().send(HttpMethod.GET, kit.service(TavernService.WEBHOOK_DISPATCHER).port(),
                        DELIVERIES_PATH + query,
                        Map.of("Authorization", "Bearer " + kit.stack().tavern().operatorToken()), null)
                .map(body -> body.toJsonArray())
                .toCompletionStage().toCompletableFuture().get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            JsonObject delivery = page.getJsonObject(i);
            deliveries.add(new Delivery(delivery.getString("webhookId"), Long.toString(delivery.getLong("eventId")),
                    delivery.getString("targetUrl"), delivery.getInteger("attemptCount"), delivery.getString("status"),
                    Instant.parse(delivery.getString("createdAt"))));
        }
        return deliveries;
    }
}
