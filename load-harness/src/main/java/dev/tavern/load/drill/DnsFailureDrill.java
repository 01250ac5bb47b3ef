package dev.tavern.load.drill;

import static dev.tavern.load.drill.Timeline.seconds;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.tavern.load.HostsFile;
import dev.tavern.load.LoadClients;
import dev.tavern.load.WebhookReceiver;

/**
 * A community's webhook host name stops resolving (a DNS outage, a record being fixed) while events are created,
 * then resolves again: a name that does not resolve is an ordinary failed attempt, retried on the schedule, so every
 * webhook arrives once the name resolves. The dispatcher resolves through the harness's hosts file.
 */
final class DnsFailureDrill implements FaultDrill {

    private static final String NAME = "hooks.dns-drill.tavern.test";
    private static final int EVENTS_PER_SECOND = 10;
    private static final Duration LOAD = Duration.ofSeconds(8);
    private static final Duration FAILING_AFTER = Duration.ofSeconds(2);
    private static final int RETRY_INTERVALS_FAILING = 5;
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(90);

    private final Duration retryInterval;

    DnsFailureDrill(Duration retryInterval) {
        this.retryInterval = retryInterval;
    }

    @Override
    public String name() {
        return "webhook-dns-failure";
    }

    @Override
    public String what() {
        return "the receiver's host name " + NAME + " stops resolving for " + RETRY_INTERVALS_FAILING
                + " retry intervals (" + retryInterval.toSeconds() + " s each), then resolves again, while events are "
                + "created at " + EVENTS_PER_SECOND + "/s for " + LOAD.toSeconds() + " s; webhooks counted at the "
                + "receiver by webhook-id";
    }

    @Override
    public DrillOutcome run(DrillKit kit, Timeline timeline) throws Exception {
        HostsFile dns = kit.stack().dispatcherHosts();
        Ledger ledger = new Ledger();
        Instant started = Instant.now();
        dns.resolve(NAME, LoadClients.HOST);
        try (WebhookReceiver receiver = WebhookReceiver.start(kit.vertx())) {
            String targetUrl = receiver.url(NAME);
            BackgroundLoad creating = new EventLoad(kit, name(), targetUrl, ledger).start(EVENTS_PER_SECOND, LOAD, timeline);
            Thread.sleep(FAILING_AFTER.toMillis());

            dns.forget(NAME);
            long acceptedBefore = ledger.acceptedCount();
            timeline.mark("%s no longer resolves: %d webhooks received, %d events accepted so far", NAME,
                    receiver.acknowledged(), acceptedBefore);
            Duration failing = retryInterval.multipliedBy(RETRY_INTERVALS_FAILING);
            Thread.sleep(failing.toMillis());
            dns.resolve(NAME, LoadClients.HOST);
            long resolvedAt = System.nanoTime();
            long acceptedWhileFailing = ledger.acceptedCount() - acceptedBefore;
            timeline.mark("%s resolves again: %d events accepted while it did not", NAME, acceptedWhileFailing);

            creating.finish(ledger, timeline);
            List<WebhookArrivals.Delivery> deliveries =
                    WebhookArrivals.collect(kit, ledger, receiver, targetUrl, started, DELIVERY_TIMEOUT, timeline);
            Duration lastArrival = Duration.ofNanos(receiver.lastAcknowledgedNanos() - resolvedAt);

            String notes = String.format("name unresolvable for %d s; %d events created meanwhile; last webhook received "
                            + "%.1f s after the name resolved again; %d deliveries retried, the most attempts %d",
                    failing.toSeconds(), acceptedWhileFailing, seconds(lastArrival),
                    WebhookArrivals.attemptedAgain(deliveries), WebhookArrivals.mostAttempts(deliveries));
            return ledger.outcome(name(), what(), timeline.elapsed(), notes);
        } finally {
            dns.forget(NAME);
        }
    }
}
