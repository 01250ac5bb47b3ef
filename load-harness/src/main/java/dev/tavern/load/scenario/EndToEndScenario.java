package dev.tavern.load.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tavern.load.HgrmFiles;
import dev.tavern.load.Progress;
import dev.tavern.load.report.ChartSeries;
import dev.tavern.load.report.Charts;
import dev.tavern.load.report.Format;
import dev.tavern.load.report.GoalResult;
import dev.tavern.load.report.ScenarioReport;
import dev.tavern.local.TavernService;

/**
 * Scenario 2: dice rolls at 500/s to 1,000 WebSocket clients across campaign and streamer channels; latency from a
 * roll's intended POST to each frame that carries it. The ceilings are the same layout and rate on broadcast-ceiling,
 * through ingest-ceiling and Kafka (the same work) and straight.
 */
public final class EndToEndScenario {

    static final String TITLE = "2. End to end";
    /** 10 campaigns × (60 clients on the campaign channel + 4 streamers × 10 clients) = 1,000 clients. */
    private static final Layout LAYOUT = new Layout(10, 4, 60, 10);
    private static final double RATE = 500;
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration MEASURED = Duration.ofSeconds(20);
    private static final Duration CEILING_MEASURED = Duration.ofSeconds(10);
    private static final double GOAL_P99_MS = 50;

    /** The report section, and when the measured run went on (the footprint scenario reads the machine then). */
    public record Outcome(ScenarioReport report, Instant from, Instant to) {
    }

    private EndToEndScenario() {
    }

    public static Outcome run(ScenarioContext context) throws InterruptedException {
        Progress.say("%s: %d clients, %s rolls/s", TITLE, LAYOUT.clients(), Format.rate(RATE));
        long origin = System.nanoTime();
        TavernBroadcast tavern = TavernBroadcast.setUp(context, "load-e2e", LAYOUT);
        BroadcastStep measured;
        Instant from;
        Instant to;
        RollPath path;
        try (BroadcastRun run = BroadcastRun.open(context, tavern, origin)) {
            run.run("e2e-warm-up", RATE, WARM_UP);
            try (RollPath followed = RollPath.follow(context, "e2e")) {
                path = followed;
                from = Instant.now();
                measured = run.run("e2e", RATE, MEASURED);
                to = Instant.now();
            }
        }
        // The straight ceiling first: it warms broadcast-ceiling's fan-out for the same-work ceiling.
        BroadcastStep ceiling = runCeiling(context, CeilingBroadcast.direct(context, LAYOUT), "e2e-ceiling");
        BroadcastStep sameWork = runCeiling(context, CeilingBroadcast.throughKafka(context, LAYOUT), "e2e-same-work");
        HgrmFiles.write(context.runDir().resolve("e2e-frames.hgrm"), measured.frameLatencies());
        HgrmFiles.write(context.runDir().resolve("e2e-same-work-frames.hgrm"), sameWork.frameLatencies());
        HgrmFiles.write(context.runDir().resolve("e2e-ceiling-frames.hgrm"), ceiling.frameLatencies());

        double p99 = measured.percentileMs(99);
        boolean met = p99 <= GOAL_P99_MS && measured.saturation().isEmpty();
        GoalResult goal = GoalResult.of("end-to-end p99 ≤ 50 ms", Format.ms(p99) + " ms",
                Format.ms(sameWork.percentileMs(99)) + " ms (same work)", p99 / sameWork.percentileMs(99), met, GoalResult.Window.cpu(
                        List.of(TavernService.VTT_INGEST.module(), TavernService.BROADCAST_GATEWAY.module()), from, to));

        Map<String, List<Charts.Point>> latencies = new LinkedHashMap<>(ChartSeries.percentiles("Tavern", ChartSeries.fromZero(measured.intervals())));
        latencies.putAll(ChartSeries.percentiles("same work", ChartSeries.fromZero(sameWork.intervals())));
        latencies.putAll(ChartSeries.percentiles("ceiling", ChartSeries.fromZero(ceiling.intervals())));
        Map<String, List<Charts.Point>> throughput = new LinkedHashMap<>();
        throughput.put("Tavern frames /s", ChartSeries.rate(ChartSeries.fromZero(measured.intervals())));
        throughput.put("same-work frames /s", ChartSeries.rate(ChartSeries.fromZero(sameWork.intervals())));
        throughput.put("ceiling frames /s", ChartSeries.rate(ChartSeries.fromZero(ceiling.intervals())));
        String markdown = """
                %d rolls/s for %d s (after a %d s warm-up) from %d campaigns; each campaign channel has %d clients, each \
                of its %d streamers (one character assigned to each) %d: %s clients on one gateway, every roll a \
                visible, non-critical one, so it reaches %d clients. Latency runs from the POST's intended start to \
                each frame, matched by Tavern roll id. Two ceilings take the same clients, rate and frames, %d s \
                each on broadcast-ceiling: the same-work ceiling posts each frame to ingest-ceiling, which inserts it \
                (a durable commit) and produces it to Kafka (acknowledged) before it answers, and broadcast-ceiling \
                reads it off the topic and sends it (the work no roll can reach an overlay without, and nothing else); \
                the ceiling posts it straight to broadcast-ceiling's HTTP trigger (HTTP in, WebSocket frames out).

                %s
                %s
                %s
                Raw histograms: `e2e-frames.hgrm`, `e2e-same-work-frames.hgrm`, `e2e-ceiling-frames.hgrm`.

                **Where Tavern's time went.** From the roll's `timestamp` (ingest takes it just before the statement \
                that records the roll) to its record's producer timestamp, and to a Kafka consumer in the harness \
                reading it; the gateway's own `tavern.broadcast.intake.latency` (to its reading the record) and \
                `tavern.broadcast.delivery.latency` (to the frames handed to the clients' sockets) over the run, from \
                the same `timestamp`. Beside them, the goal's measure, which \
                also holds the POST's way to the ingest service and the frames' way to the clients.

                %s
                """.formatted((long) RATE, MEASURED.toSeconds(), WARM_UP.toSeconds(), LAYOUT.campaigns(), LAYOUT.campaignClients(),
                LAYOUT.streamersPerCampaign(), LAYOUT.streamerClients(), Format.count(LAYOUT.clients()), LAYOUT.framesPerMessage(),
                CEILING_MEASURED.toSeconds(), BroadcastStep.table(List.of(measured, sameWork, ceiling)),
                Charts.lines(context.runDir(), "e2e-latency.png", "End to end: POST intended start to frame (ms)", "ms", latencies, true),
                Charts.lines(context.runDir(), "e2e-throughput.png", "End to end: frames received per second", "per second",
                        throughput, false), path.table(measured));
        return new Outcome(new ScenarioReport(TITLE, markdown, List.of(goal)), from, to);
    }

    private static BroadcastStep runCeiling(ScenarioContext context, CeilingBroadcast path, String label) throws InterruptedException {
        try (BroadcastRun run = BroadcastRun.open(context, path, System.nanoTime())) {
            run.run(label + "-warm-up", RATE, WARM_UP);
            return run.run(label, RATE, CEILING_MEASURED);
        }
    }
}
