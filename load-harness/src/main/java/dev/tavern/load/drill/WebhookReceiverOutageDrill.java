package dev.tavern.load.drill;

import static dev.tavern.load.drill.Timeline.seconds;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.tavern.load.WebhookReceiver;

/**
 * A community's webhook receiver goes down for several of the dispatcher's retry intervals while events keep being
 * created, then comes back: every webhook of an accepted event must arrive, a retried one with the same webhook-id.
 */
final class WebhookReceiverOutageDrill implements FaultDrill {

    private static final int EVENTS_PER_SECOND = 20;
    private static final Duration LOAD = Duration.ofSeconds(12);
    private static final Duration DOWN_AFTER = Duration.ofSeconds(2);
    private static final int RETRY_INTERVALS_DOWN = 5;
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(90);

    private final Duration retryInterval;

    WebhookReceiverOutageDrill(Duration retryInterval) {
        this.retryInterval = retryInterval;
    }

    @Override
    public String name() {
        return "webhook-receiver-down";
    }

    @Override
    public String what() {
        return "webhook receiver refusing connections for " + RETRY_INTERVALS_DOWN + " retry intervals ("
                + retryInterval.toSeconds() + " s each), then back, while events are created at " + EVENTS_PER_SECOND
                + "/s for " + LOAD.toSeconds() + " s; webhooks counted at the receiver by webhook-id";
    }

    @Override
    public DrillOutcome run(DrillKit kit, Timeline timeline) throws Exception {
        Ledger ledger = new Ledger();
        Instant started = Instant.now();
        try (WebhookReceiver receiver = WebhookReceiver.start(kit.vertx())) {
            BackgroundLoad creating = new EventLoad(kit, name(), receiver.url(), ledger)
                    .start(EVENTS_PER_SECOND, LOAD, timeline);
            Thread.sleep(DOWN_AFTER.toMillis());

            receiver.down();
            long acceptedBefore = ledger.acceptedCount();
            timeline.mark("receiver down: %d webhooks received, %d events accepted so far", receiver.acknowledged(),
                    acceptedBefore);
            Duration down = retryInterval.multipliedBy(RETRY_INTERVALS_DOWN);
            Thread.sleep(down.toMillis());
            receiver.up();
            long backAt = System.nanoTime();
            long acceptedWhileDown = ledger.acceptedCount() - acceptedBefore;
            timeline.mark("receiver back: %d events accepted while it was down", acceptedWhileDown);

            creating.finish(ledger, timeline);
            List<WebhookArrivals.Delivery> deliveries =
                    WebhookArrivals.collect(kit, ledger, receiver, receiver.url(), started, DELIVERY_TIMEOUT, timeline);
            Duration lastArrival = Duration.ofNanos(receiver.lastAcknowledgedNanos() - backAt);

            String notes = String.format("down %d s; %d events created while it was down; last webhook received %.1f s "
                            + "after it was back (the dispatcher's circuit breaker keeps a failing host closed for 30 s); "
                            + "%d deliveries retried, the most attempts %d",
                    down.toSeconds(), acceptedWhileDown, seconds(lastArrival), WebhookArrivals.attemptedAgain(deliveries),
                    WebhookArrivals.mostAttempts(deliveries));
            return ledger.outcome(name(), what(), timeline.elapsed(), notes);
        }
    }
}
