package dev.tavern.load.drill;

import static dev.tavern.load.drill.Timeline.seconds;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.tavern.load.WebhookReceiver;
import dev.tavern.local.ServiceProcess;
import dev.tavern.local.TavernService;

/**
 * webhook-dispatcher is killed (SIGKILL) while it works through a backlog of deliveries, then started again. The
 * attempts it had claimed come due again when their lease runs out, so every webhook arrives at least once; one the
 * receiver got before the kill, but whose answer the dispatcher never recorded, arrives again with the same
 * webhook-id.
 */
final class DispatcherCrashDrill implements FaultDrill {

    /** Faster than the dispatcher delivers on this machine, so a backlog builds and a batch is always under way. */
    private static final int EVENTS_PER_SECOND = 200;
    private static final Duration LOAD = Duration.ofSeconds(2);
    private static final int KILL_AFTER_RECEIVED = 100;
    private static final Duration MID_BATCH_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(90);

    @Override
    public String name() {
        return "dispatcher-sigkill";
    }

    @Override
    public String what() {
        return "webhook-dispatcher killed with SIGKILL after " + KILL_AFTER_RECEIVED + " webhooks of a burst of "
                + EVENTS_PER_SECOND * LOAD.toSeconds() + " events (created at " + EVENTS_PER_SECOND
                + "/s), then restarted; webhooks counted at the receiver by webhook-id";
    }

    @Override
    public DrillOutcome run(DrillKit kit, Timeline timeline) throws Exception {
        ServiceProcess dispatcher = kit.service(TavernService.WEBHOOK_DISPATCHER);
        Ledger ledger = new Ledger();
        Instant started = Instant.now();
        try (WebhookReceiver receiver = WebhookReceiver.start(kit.vertx())) {
            BackgroundLoad creating = new EventLoad(kit, name(), receiver.url(), ledger)
                    .start(EVENTS_PER_SECOND, LOAD, timeline);
            boolean midBatch = DrillKit.await(MID_BATCH_TIMEOUT, () -> receiver.acknowledged() >= KILL_AFTER_RECEIVED);
            long pid = dispatcher.process().pid();
            dispatcher.kill();
            long killedAt = System.nanoTime();
            Instant killed = Instant.now();
            long receivedBefore = receiver.acknowledged();
            timeline.mark("SIGKILL to webhook-dispatcher (pid %d)%s: %d webhooks received, %d events accepted so far",
                    pid, midBatch ? "" : " (fewer webhooks than planned came in time)", receivedBefore,
                    ledger.acceptedCount());

            dispatcher.start();
            dispatcher.awaitHealthy(RESTART_TIMEOUT);
            Duration restarted = Duration.ofNanos(System.nanoTime() - killedAt);
            long receivedAtRestart = receiver.acknowledged();
            timeline.mark("webhook-dispatcher started again and healthy (pid %d); %d webhooks received",
                    dispatcher.process().pid(), receivedAtRestart);
            DrillKit.await(DELIVERY_TIMEOUT, () -> receiver.acknowledged() > receivedAtRestart);
            Duration resumed = Duration.ofNanos(System.nanoTime() - killedAt);
            timeline.mark("first webhook from the restarted process");

            creating.finish(ledger, timeline);
            List<WebhookArrivals.Delivery> deliveries =
                    WebhookArrivals.collect(kit, ledger, receiver, receiver.url(), started, DELIVERY_TIMEOUT, timeline);
            Duration lastArrival = Duration.ofNanos(receiver.lastAcknowledgedNanos() - killedAt);
            List<Instant> takenInAfterKill = deliveries.stream().map(WebhookArrivals.Delivery::createdAt)
                    .filter(created -> created.isAfter(killed)).sorted().toList();

            String notes = String.format("killed with %d of %d webhooks received; healthy again %.1f s after the kill, "
                            + "first webhook from it %.1f s after, the last %.1f s after; %d deliveries attempted again "
                            + "(claimed by the killed process: due again once their lease, attempt timeout + lease margin, "
                            + "ran out)",
                    receivedBefore, ledger.acceptedCount(), seconds(restarted), seconds(resumed), seconds(lastArrival),
                    WebhookArrivals.attemptedAgain(deliveries));
            if (!takenInAfterKill.isEmpty()) {
                notes += String.format("; %d events were taken in (their delivery created) only by the restarted "
                                + "process, from %.1f s after the kill: its Kafka consumer gets the partitions once the "
                                + "killed one's session has expired", takenInAfterKill.size(),
                        seconds(Duration.between(killed, takenInAfterKill.get(0))));
            }
            return ledger.outcome(name(), what(), timeline.elapsed(), notes);
        }
    }
}
