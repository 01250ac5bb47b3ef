package dev.tavern.load.drill;

import static dev.tavern.load.drill.Timeline.seconds;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.tavern.load.WebhookReceiver;
import dev.tavern.local.ServiceProcess;
import dev.tavern.local.TavernService;

/**
 * One of two webhook-dispatcher processes is frozen (SIGSTOP: it keeps its sockets, its Kafka membership and its
 * claims, and answers nothing) in the middle of a backlog, for longer than its leases, then thawed. The other
 * replica takes over its partitions and, once their leases end, the attempts it had claimed; the thawed one's late
 * outcomes apply to nothing. Every webhook arrives; one the receiver answered while its sender was frozen arrives
 * again with the same webhook-id.
 */
final class DispatcherFreezeDrill implements FaultDrill {

    private static final int EVENTS_PER_SECOND = 100;
    private static final Duration LOAD = Duration.ofSeconds(3);
    private static final int FREEZE_AFTER_RECEIVED = 50;
    private static final Duration MID_BATCH_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Duration frozenFor;

    /** @param lease the dispatcher's lease: attempt timeout plus lease margin */
    DispatcherFreezeDrill(Duration lease) {
        this.frozenFor = lease.plusSeconds(5);
    }

    @Override
    public String name() {
        return "dispatcher-sigstop";
    }

    @Override
    public String what() {
        return "one of two webhook-dispatcher processes frozen with SIGSTOP for " + frozenFor.toSeconds()
                + " s (past its leases) after " + FREEZE_AFTER_RECEIVED + " webhooks of a burst of "
                + EVENTS_PER_SECOND * LOAD.toSeconds() + " events, answered after " + WebhookReceiver.SLOW_ANSWER.toMillis()
                + " ms each, then thawed; webhooks counted at the receiver by webhook-id";
    }

    @Override
    public DrillOutcome run(DrillKit kit, Timeline timeline) throws Exception {
        ServiceProcess frozen = kit.service(TavernService.WEBHOOK_DISPATCHER);
        ServiceProcess other = kit.stack().startReplica(TavernService.WEBHOOK_DISPATCHER);
        timeline.mark("second webhook-dispatcher process up (pid %d)", other.process().pid());
        Ledger ledger = new Ledger();
        Instant started = Instant.now();
        try (WebhookReceiver receiver = WebhookReceiver.start(kit.vertx())) {
            receiver.mode(WebhookReceiver.Mode.SLOW);
            BackgroundLoad creating = new EventLoad(kit, name(), receiver.url(), ledger)
                    .start(EVENTS_PER_SECOND, LOAD, timeline);
            boolean midBatch = DrillKit.await(MID_BATCH_TIMEOUT, () -> receiver.acknowledged() >= FREEZE_AFTER_RECEIVED);
            frozen.freeze();
            long frozenAt = System.nanoTime();
            long receivedBefore = receiver.acknowledged();
            timeline.mark("SIGSTOP to webhook-dispatcher (pid %d)%s: %d webhooks received, %d events accepted so far",
                    frozen.process().pid(), midBatch ? "" : " (fewer webhooks than planned came in time)", receivedBefore,
                    ledger.acceptedCount());
            try {
                Thread.sleep(frozenFor.toMillis());
            } finally {
                frozen.thaw();
            }
            long receivedWhileFrozen = receiver.acknowledged() - receivedBefore;
            timeline.mark("SIGCONT: %d webhooks received while it was frozen, all through the other process",
                    receivedWhileFrozen);

            creating.finish(ledger, timeline);
            List<WebhookArrivals.Delivery> deliveries =
                    WebhookArrivals.collect(kit, ledger, receiver, receiver.url(), started, DELIVERY_TIMEOUT, timeline);
            Duration lastArrival = Duration.ofNanos(receiver.lastAcknowledgedNanos() - frozenAt);

            String notes = String.format("frozen %d s with %d of %d webhooks received; %d received while it was frozen; "
                            + "the last %.1f s after the freeze; %d deliveries attempted again (claimed by the frozen "
                            + "process: due again once their lease ran out); %d webhooks the receiver got twice",
                    frozenFor.toSeconds(), receivedBefore, ledger.acceptedCount(), receivedWhileFrozen,
                    seconds(lastArrival), WebhookArrivals.attemptedAgain(deliveries), receiver.duplicates());
            return ledger.outcome(name(), what(), timeline.elapsed(), notes);
        } finally {
            other.requestStop();
            other.awaitStop(STOP_TIMEOUT);
        }
    }
}
