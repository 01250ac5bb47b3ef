package dev.tavern.load.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import dev.tavern.infra.test.TopicWriter;
import dev.tavern.load.FixedRateDriver;
import dev.tavern.load.LatencyRecorder;
import dev.tavern.load.LoadSettings;
import dev.tavern.load.OpenLoopSchedule;
import dev.tavern.load.Progress;
import dev.tavern.load.RateTimeline;
import dev.tavern.load.WebhookReceiver;
import dev.tavern.load.report.ChartSeries;
import dev.tavern.load.report.Charts;
import dev.tavern.load.report.Format;
import dev.tavern.load.report.GoalResult;
import dev.tavern.load.report.LatencyTable;
import dev.tavern.load.report.MarkdownTable;
import dev.tavern.load.report.ScenarioReport;
import dev.tavern.local.ServiceProcess;
import dev.tavern.local.TavernService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * Scenario 4: webhooks of scheduler events to a receiver in the harness. First a receiver failing every other attempt,
 * and the time until every delivery succeeded. Then a burst: events created while the dispatcher is paused, and its
 * deliveries per second counted at the receiver once it goes on, until every one arrived. The ceiling is webhook-ceiling
 * working off the same burst the same way (the work no webhook can do without); the generator POSTing webhook-sized
 * bodies straight to the same kind of receiver shows what the receiver alone takes.
 */
public final class WebhookScenario {

    static final String TITLE = "4. Webhooks";
    private static final int BURST_EVENTS = 4000;
    private static final double BURST_CREATE_RATE = 500;
    private static final int FAILING_EVENTS = 500;
    private static final double FAILING_CREATE_RATE = 200;
    private static final double[] CEILING_RATES = {2000, 5000, 10000, 20000, 30000};
    private static final Duration CEILING_STEP = Duration.ofSeconds(3);
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(2);
    private static final double GOAL_RATE = 2000;
    private static final String CEILING_TOPIC = "webhook-ceiling.webhooks";
    /** webhook-ceiling's webhooks under way at once, as webhook-dispatcher's default {@code max-concurrent-attempts}. */
    private static final int SAME_WORK_CONCURRENCY = 64;
    private static final String WEBHOOK_BODY = "{\"type\":\"CREATED\",\"eventId\":%d,\"fromUrlId\":\"ceiling-%d\","
            + "\"slug\":\"k3j9x2\",\"link\":\"http://localhost:8080/e/k3j9x2\",\"title\":\"Raid Night\","
            + "\"timestamp\":\"2027-03-01T18:00:00.000Z\"}";

    private WebhookScenario() {
    }

    public static ScenarioReport run(ScenarioContext context) throws InterruptedException {
        ServiceProcess scheduler = context.service(TavernService.SCHEDULER);
        ServiceProcess dispatcher = context.service(TavernService.WEBHOOK_DISPATCHER);
        long origin = System.nanoTime();

        LatencyRecorder creations = new LatencyRecorder(context.clients().vertx(), origin);

        // First the failing receiver: it also warms the dispatcher's JIT up for the burst.
        Progress.say("%s: %d events to a receiver failing every other attempt", TITLE, FAILING_EVENTS);
        WebhookReceiver failingReceiver = WebhookReceiver.start(context.clients().vertx());
        failingReceiver.mode(WebhookReceiver.Mode.FAIL_EVERY_OTHER_ATTEMPT);
        RateTimeline failingDeliveries = new RateTimeline(context.clients().vertx(), origin);
        failingReceiver.countInto(failingDeliveries);
        long failingStart = System.nanoTime();
        FixedRateDriver.Result failingCreated = FixedRateDriver.run(context.clients().vertx(), "create (failing receiver)",
                OpenLoopSchedule.ofCount(FAILING_CREATE_RATE, FAILING_EVENTS),
                (index, intended) -> createEvent(context, scheduler, failingReceiver, "failing-" + index), creations, DRAIN);
        boolean failingComplete = awaitAcknowledged(failingReceiver, failingCreated.ok());
        double untilAllSeconds = (failingReceiver.lastAcknowledgedNanos() - failingStart) / 1e9;
        failingDeliveries.close();
        Progress.say("  every delivery acknowledged %.1f s after the first event was created (%s attempts)", untilAllSeconds,
                Format.count(failingReceiver.attempts()));

        // A burst as large as the measured one first: the dispatcher's JIT compiles its hot path on it, not on the measured one.
        Burst warmUp = pausedBurst(context, "warm-up burst", dispatcher, "create", creations, origin,
                receiver -> (index, intended) -> createEvent(context, scheduler, receiver, "warm-up-burst-" + index));
        Burst burst = pausedBurst(context, "burst", dispatcher, "create", creations, origin,
                receiver -> (index, intended) -> createEvent(context, scheduler, receiver, "burst-" + index));
        creations.close();
        // The same bursts, written by the harness straight onto webhook-ceiling's topic.
        Burst sameWorkWarmUp;
        Burst sameWork;
        try (TopicWriter topic = new TopicWriter(context.stack().tavern().infrastructure().kafkaBootstrapServers());
             LatencyRecorder writes = new LatencyRecorder(context.clients().vertx(), origin)) {
            Function<WebhookReceiver, FixedRateDriver.Request> write = receiver -> (index, intended) ->
                    context.clients().vertx().executeBlocking(() -> topic.send(CEILING_TOPIC, receiver.url(), "webhook-ceiling",
                            WEBHOOK_BODY.formatted(index, index)), false);
            sameWorkWarmUp = pausedBurst(context, "same-work warm-up", context.webhookCeiling(), "write", writes, origin, write);
            sameWork = pausedBurst(context, "same work (webhook-ceiling)", context.webhookCeiling(), "write", writes, origin, write);
        }

        Progress.say("%s ceiling: the generator POSTs straight to a receiver", TITLE);
        WebhookReceiver ceilingReceiver = WebhookReceiver.start(context.clients().vertx());
        LatencyRecorder ceilingTimeline = new LatencyRecorder(context.clients().vertx(), System.nanoTime());
        List<FixedRateDriver.Result> ceiling = SteppedRun.untilSaturated(context, "POST to receiver", CEILING_RATES,
                CEILING_STEP, label -> (index, intended) -> context.clients().send(HttpMethod.POST, ceilingReceiver.port(),
                        "/webhooks", Map.of("Content-Type", "application/json", "webhook-id", UUID.randomUUID().toString()),
                        Buffer.buffer(WEBHOOK_BODY.formatted(index, index))), ceilingTimeline, 0);
        ceilingTimeline.close();
        double ceilingRate = SteppedRun.sustained(ceiling);
        String ceilingText = SteppedRun.describe(ceilingRate, SteppedRun.saturated(ceiling));
        List.of(warmUp, burst, sameWorkWarmUp, sameWork).forEach(run -> run.receiver().close());
        List.of(failingReceiver, ceilingReceiver).forEach(WebhookReceiver::close);

        GoalResult goal = GoalResult.of("webhooks ≥ 2,000 deliveries/s", Format.rate(burst.rate()) + " /s",
                Format.rate(sameWork.rate()) + " /s (same work)", burst.rate() / sameWork.rate(),
                burst.complete() && burst.rate() >= GOAL_RATE,
                GoalResult.Window.cpu(List.of(TavernService.WEBHOOK_DISPATCHER.module()), burst.from(), burst.to()));
        MarkdownTable phases = new MarkdownTable("phase", "events created", "delivered (distinct webhook-id)",
                "attempts at the receiver", "duplicates", "result");
        phases.row("receiver failing every other attempt", Format.count(failingCreated.ok()),
                Format.count(failingReceiver.distinctAcknowledged()), Format.count(failingReceiver.attempts()),
                Format.count(failingReceiver.duplicates()),
                (failingComplete ? "" : "INCOMPLETE: ") + "all delivered " + seconds(untilAllSeconds) + " after the first creation");
        for (Burst run : List.of(warmUp, burst, sameWorkWarmUp, sameWork)) {
            phases.row(run.label() + " after a pause", Format.count(run.created().ok()),
                    Format.count(run.receiver().distinctAcknowledged()), Format.count(run.receiver().attempts()),
                    Format.count(run.receiver().duplicates()), (run.complete() ? "" : "INCOMPLETE: ") + Format.rate(run.rate())
                            + " deliveries/s over " + seconds(run.seconds())
                            + (run == warmUp || run == sameWorkWarmUp ? " (not measured)" : ""));
        }

        Map<String, List<Charts.Point>> throughput = new LinkedHashMap<>();
        throughput.put("failing-receiver deliveries /s", ChartSeries.rate(failingDeliveries));
        throughput.put("warm-up burst deliveries /s", ChartSeries.rate(warmUp.deliveries()));
        throughput.put("burst deliveries /s", ChartSeries.rate(burst.deliveries()));
        throughput.put("same work (webhook-ceiling) /s", ChartSeries.rate(sameWork.deliveries()));
        String markdown = """
                **Failing receiver** (first, which also warms the dispatcher up). %s scheduler events created through \
                `POST /api/events` at %s/s, each with a `fromUrl` on a receiver in the harness (so each is one CREATED \
                webhook), which answers 503 to every other attempt it gets; retry interval %s (see settings). Time from \
                the first creation until every delivery was acknowledged.

                **Burst.** webhook-dispatcher paused (SIGSTOP, the process keeps its warm JIT and connections) for \
                %.1f s while %s events were created (open loop, %s/s), then resumed (SIGCONT): it works off the backlog \
                from Kafka (consume, record, sign, POST, record the outcome). Deliveries/s = distinct webhook ids \
                acknowledged / time from the first acknowledgement to the last. A burst of the same size runs first, \
                unmeasured, so the dispatcher's JIT has compiled the burst's path (a long-running replica's state).

                **Ceiling, the same work**: webhook-ceiling, a Quarkus application that does what no webhook can do \
                without and nothing else: it consumes a record (its key the receiver's URL, its value the body), \
                inserts it as one row (its own durable commit, on the same PostgreSQL), signs it per Standard Webhooks \
                and POSTs it, %d at a time (the dispatcher's default); no claim, lease, attempt log, retry schedule, \
                outcome record, SSRF check or circuit breaker. It runs with webhook-dispatcher's JVM flags. Paused \
                the same way while the harness wrote %s records to its topic, then resumed, after an unmeasured burst \
                of the same size: **%s deliveries/s**.

                %s
                Event creation (scheduler-service; latency from intended start):

                %s
                **Receiver alone**: the generator POSTs a webhook-sized JSON body with a `webhook-id` straight to a receiver of \
                the same code, open loop, %d s per rate: **%s** sustained.

                %s
                %s
                """.formatted(Format.count(FAILING_EVENTS), Format.rate(FAILING_CREATE_RATE), retryInterval(), burst.pausedSeconds(),
                Format.count(BURST_EVENTS), Format.rate(BURST_CREATE_RATE), SAME_WORK_CONCURRENCY, Format.count(BURST_EVENTS),
                Format.rate(sameWork.rate()), phases.render(),
                LatencyTable.render(List.of(failingCreated, warmUp.created(), burst.created())), CEILING_STEP.toSeconds(), ceilingText,
                LatencyTable.render(ceiling),
                Charts.lines(context.runDir(), "webhooks-throughput.png", "Webhooks: deliveries acknowledged per second",
                        "per second", throughput, false));
        return new ScenarioReport(TITLE, markdown, List.of(goal));
    }

    /** A paused dispatcher's backlog and how fast it was delivered once the dispatcher went on. */
    private record Burst(String label, FixedRateDriver.Result created, WebhookReceiver receiver, RateTimeline deliveries,
                         double pausedSeconds, boolean complete, double seconds, double rate, Instant from, Instant to) {
    }

    /**
     * Makes {@value #BURST_EVENTS} webhooks for a new receiver ({@code verb}: how, for the latency table) while
     * {@code paused} is frozen, then thaws it and awaits every delivery.
     */
    private static Burst pausedBurst(ScenarioContext context, String label, ServiceProcess paused, String verb,
                                     LatencyRecorder recorder, long origin,
                                     Function<WebhookReceiver, FixedRateDriver.Request> make) throws InterruptedException {
        Progress.say("%s: %s, %d webhooks made while %s is paused", TITLE, label, BURST_EVENTS, paused.name());
        context.settle();
        WebhookReceiver receiver = WebhookReceiver.start(context.clients().vertx());
        paused.freeze();
        long pausedAt = System.nanoTime();
        FixedRateDriver.Result made;
        try {
            made = FixedRateDriver.run(context.clients().vertx(), verb + " (" + label + ")",
                    OpenLoopSchedule.ofCount(BURST_CREATE_RATE, BURST_EVENTS), make.apply(receiver), recorder, DRAIN);
        } finally {
            paused.thaw();
        }
        double pausedSeconds = (System.nanoTime() - pausedAt) / 1e9;
        RateTimeline deliveries = new RateTimeline(context.clients().vertx(), origin);
        receiver.countInto(deliveries);
        Instant from = Instant.now();
        boolean complete = awaitAcknowledged(receiver, made.ok());
        Instant to = Instant.now();
        deliveries.close();
        double seconds = Math.max(1e-3, (receiver.lastAcknowledgedNanos() - receiver.firstAcknowledgedNanos()) / 1e9);
        double rate = receiver.distinctAcknowledged() / seconds;
        Progress.say("  %s deliveries in %.1f s: %s /s", Format.count(receiver.distinctAcknowledged()), seconds, Format.rate(rate));
        return new Burst(label, made, receiver, deliveries, pausedSeconds, complete, seconds, rate, from, to);
    }

    private static Future<?> createEvent(ScenarioContext context, ServiceProcess scheduler, WebhookReceiver receiver, String id) {
        String body = "{\"title\":\"Load " + id + "\",\"minPlayers\":3,\"fromUrl\":\"" + receiver.url() + "\",\"fromUrlId\":\""
                + id + "\",\"slots\":[{\"start\":\"2027-03-01T18:00:00Z\",\"end\":\"2027-03-01T22:00:00Z\"}]}";
        return context.clients().send(HttpMethod.POST, scheduler.port(), "/api/events",
                Map.of("Content-Type", "application/json"), Buffer.buffer(body));
    }

    private static boolean awaitAcknowledged(WebhookReceiver receiver, long expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(DELIVERY_TIMEOUT);
        while (receiver.distinctAcknowledged() < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        return receiver.distinctAcknowledged() >= expected;
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    private static String retryInterval() {
        return LoadSettings.environment().get(TavernService.WEBHOOK_DISPATCHER)
                .getOrDefault("TAVERN_WEBHOOK_RETRY_INTERVAL", "5m");
    }
}
