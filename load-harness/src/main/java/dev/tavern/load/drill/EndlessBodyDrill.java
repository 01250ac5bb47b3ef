package dev.tavern.load.drill;

import static dev.tavern.load.drill.Timeline.seconds;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.tavern.load.ResourceSampler;
import dev.tavern.load.WebhookReceiver;
import dev.tavern.local.ServiceProcess;
import dev.tavern.local.TavernService;

/**
 * A community's receiver answers the first attempt of every webhook with 200 and a body that never ends. The
 * dispatcher keeps only the first KiB of an answer and cuts the attempt off at its timeout, so its memory stays flat
 * however many such answers stream at once; each webhook arrives on its next attempt.
 */
final class EndlessBodyDrill implements FaultDrill {

    private static final int EVENTS_PER_SECOND = 10;
    private static final Duration LOAD = Duration.ofSeconds(10);
    /** Attempts time out after 10 s and come back 2 s later; a circuit breaker may hold the host for 30 s more. */
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration RSS_SAMPLE_EVERY = Duration.ofMillis(500);

    @Override
    public String name() {
        return "webhook-receiver-endless-body";
    }

    @Override
    public String what() {
        return "webhook receiver answering each webhook's first attempt with 200 and an endless body (16 KiB every "
                + "20 ms), the next with 204, while events are created at " + EVENTS_PER_SECOND + "/s for "
                + LOAD.toSeconds() + " s; webhooks counted at the receiver by webhook-id, the dispatcher's RSS sampled";
    }

    @Override
    public DrillOutcome run(DrillKit kit, Timeline timeline) throws Exception {
        ServiceProcess dispatcher = kit.service(TavernService.WEBHOOK_DISPATCHER);
        Ledger ledger = new Ledger();
        Instant started = Instant.now();
        long pid = dispatcher.process().pid();
        long rssBefore = ResourceSampler.residentBytes(pid);
        AtomicLong rssMax = new AtomicLong(rssBefore);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> rssMax.accumulateAndGet(ResourceSampler.residentBytes(pid), Math::max),
                0, RSS_SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        try (WebhookReceiver receiver = WebhookReceiver.start(kit.vertx())) {
            receiver.mode(WebhookReceiver.Mode.ENDLESS_BODY_FIRST);
            BackgroundLoad creating = new EventLoad(kit, name(), receiver.url(), ledger)
                    .start(EVENTS_PER_SECOND, LOAD, timeline);
            creating.finish(ledger, timeline);
            timeline.mark("events created; %d endless answers cut off so far, %d MB streamed, dispatcher RSS at most %d MB",
                    receiver.streamsCutOff(), receiver.streamedBytes() >> 20, rssMax.get() >> 20);
            List<WebhookArrivals.Delivery> deliveries =
                    WebhookArrivals.collect(kit, ledger, receiver, receiver.url(), started, DELIVERY_TIMEOUT, timeline);
            long rssAfter = ResourceSampler.residentBytes(pid);
            long streamingRss = rssMax.get();

            String notes = String.format("%d endless answers cut off by the dispatcher after %d MB streamed in all; "
                            + "dispatcher RSS %d MB before, at most %d MB while bodies streamed, %d MB after; %d deliveries "
                            + "attempted again, the most attempts %d; the last webhook %.1f s after the first event",
                    receiver.streamsCutOff(), receiver.streamedBytes() >> 20, rssBefore >> 20, streamingRss >> 20,
                    rssAfter >> 20, WebhookArrivals.attemptedAgain(deliveries), WebhookArrivals.mostAttempts(deliveries),
                    seconds(Duration.between(started, Instant.now())));
            return ledger.outcome(name(), what(), timeline.elapsed(), notes);
        } finally {
            sampler.shutdownNow();
        }
    }
}
