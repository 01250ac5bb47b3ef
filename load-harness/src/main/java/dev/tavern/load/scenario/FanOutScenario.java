package dev.tavern.load.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

import dev.tavern.load.HgrmFiles;
import dev.tavern.load.LatencyRecorder;
import dev.tavern.load.ProfileCapture;
import dev.tavern.load.Progress;
import dev.tavern.load.report.ChartSeries;
import dev.tavern.load.report.Charts;
import dev.tavern.load.report.Format;
import dev.tavern.load.report.GoalResult;
import dev.tavern.load.report.MarkdownTable;
import dev.tavern.load.report.ScenarioReport;
import dev.tavern.local.TavernService;

/**
 * Scenario 3: 10,000 WebSocket clients on one gateway, messages at rising rates until delivery saturates; the
 * ceiling is the same clients and rates on broadcast-ceiling, the smallest websockets-next broadcast.
 */
public final class FanOutScenario {

    static final String TITLE = "3. Fan-out";
    /** 5 campaign channels × 2,000 clients (the gateway's default per-channel limit) = 10,000 clients. */
    private static final Layout LAYOUT = new Layout(5, 0, 2000, 0);
    /**
     * Frames per second asked of the path; each message reaches 2,000 clients. Finer around the goal (100,000), where
     * this machine's edge is: from 100,000 straight to 125,000 told only that the edge lay somewhere between.
     */
    private static final double[] FRAME_RATES = {25_000, 50_000, 100_000, 112_500, 125_000, 150_000, 200_000, 300_000};
    private static final Duration STEP = Duration.ofSeconds(6);
    /** At the first rate, not reported: 10,000 connections have just opened, and neither JVM has compiled its send path yet. */
    private static final Duration WARM_UP = Duration.ofSeconds(6);
    private static final double GOAL_FRAMES_PER_SECOND = 100_000;
    private static final int LIVE_SET_CLASSES = 12;

    private FanOutScenario() {
    }

    public static ScenarioReport run(ScenarioContext context) throws InterruptedException {
        Progress.say("%s: %s clients", TITLE, Format.count(LAYOUT.clients()));
        TavernBroadcast tavern = TavernBroadcast.setUp(context, "load-fanout", LAYOUT);
        Instant from = Instant.now();
        ProfileCapture.LiveSet[] liveSet = new ProfileCapture.LiveSet[1];
        List<BroadcastStep> tavernSteps = steps(context, tavern, () -> liveSet[0] =
                ProfileCapture.liveSet(context.service(TavernService.BROADCAST_GATEWAY).process().pid(), LIVE_SET_CLASSES));
        Instant to = Instant.now();
        List<BroadcastStep> ceilingSteps = steps(context, CeilingBroadcast.direct(context, LAYOUT), () -> { });

        double sustained = BroadcastStep.sustained(tavernSteps);
        double ceilingSustained = BroadcastStep.sustained(ceilingSteps);
        String ceilingText = SteppedRun.describe(ceilingSustained, ceilingSteps.stream().anyMatch(s -> s.saturation().isPresent()));
        BroadcastStep tavernAtGoal = tavernSteps.stream().filter(s -> s.targetFramesPerSecond() == GOAL_FRAMES_PER_SECOND)
                .findFirst().orElse(tavernSteps.get(tavernSteps.size() - 1));
        GoalResult goal = GoalResult.of("fan-out ≥ 100,000 messages/s delivered", Format.rate(sustained) + " /s",
                ceilingText, sustained / ceilingSustained, sustained >= GOAL_FRAMES_PER_SECOND,
                GoalResult.Window.cpu(List.of(TavernService.BROADCAST_GATEWAY.module()), from, to));
        HgrmFiles.write(context.runDir().resolve("fanout-frames.hgrm"), merged(tavernSteps));
        HgrmFiles.write(context.runDir().resolve("fanout-ceiling-frames.hgrm"), merged(ceilingSteps));

        Map<String, List<Charts.Point>> latencies = new LinkedHashMap<>(ChartSeries.percentiles("Tavern", intervals(tavernSteps)));
        latencies.putAll(ChartSeries.percentiles("ceiling", intervals(ceilingSteps)));
        Map<String, List<Charts.Point>> throughput = new LinkedHashMap<>();
        throughput.put("Tavern frames /s", ChartSeries.rate(intervals(tavernSteps)));
        throughput.put("ceiling frames /s", ChartSeries.rate(intervals(ceilingSteps)));
        List<BroadcastStep> all = new ArrayList<>(tavernSteps);
        all.addAll(ceilingSteps);
        String markdown = """
                %s clients on one gateway: %d campaign channels of %s clients each. Each message (a dice roll POSTed to \
                vtt-ingest-service; for the ceiling, a frame POSTed to broadcast-ceiling's trigger) reaches the %s \
                clients of one channel; after a %d s warm-up at the first rate, %d s per rate, rising until delivery saturates (a step saturates when its \
                publishing does, when a client is closed, when over 0.1 %% of frames are missing, when under 95 %% of \
                the target frame rate arrives, or when p99 passes 1 s). Latency runs from the message's intended start \
                to each frame. The gateway runs with its production settings (at most 256 frames queued per client).

                **Sustained: %s frames/s delivered** (goal 100,000); ceiling %s. At %s frames/s asked, Tavern's \
                frame p99 was %s ms.

                %s
                %s
                %s
                Each path's steps follow one another from 0 s (with pauses where the machine settled in between). Raw \
                histograms (all steps of a path): `fanout-frames.hgrm`, `fanout-ceiling-frames.hgrm`.

                **What the gateway holds with its %s clients connected** (live objects after a full GC, \
                `jcmd GC.class_histogram`, before the first message): %s MB, %s KB per connection. The largest classes:

                %s
                """.formatted(Format.count(LAYOUT.clients()), LAYOUT.campaigns(), Format.count(LAYOUT.campaignClients()),
                Format.count(LAYOUT.campaignClients()), WARM_UP.toSeconds(), STEP.toSeconds(), Format.rate(sustained), ceilingText,
                Format.rate(tavernAtGoal.targetFramesPerSecond()), Format.ms(tavernAtGoal.percentileMs(99)),
                BroadcastStep.table(all),
                Charts.lines(context.runDir(), "fanout-latency.png", "Fan-out: message intended start to frame (ms)", "ms",
                        latencies, true),
                Charts.lines(context.runDir(), "fanout-throughput.png", "Fan-out: frames delivered per second", "per second",
                        throughput, false),
                Format.count(LAYOUT.clients()), Format.megabytes(liveSet[0].bytes()),
                Format.rate(liveSet[0].bytes() / 1024.0 / LAYOUT.clients()), liveSetTable(liveSet[0]));
        return new ScenarioReport(TITLE, markdown, List.of(goal));
    }

    /** Rising rates until one saturates, on one set of clients. */
    private static List<BroadcastStep> steps(ScenarioContext context, BroadcastPath path, Runnable whenOpen)
            throws InterruptedException {
        List<BroadcastStep> steps = new ArrayList<>();
        try (BroadcastRun run = BroadcastRun.open(context, path, System.nanoTime())) {
            whenOpen.run();
            run.run("fanout warm-up", FRAME_RATES[0] / LAYOUT.framesPerMessage(), WARM_UP);
            for (double frames : FRAME_RATES) {
                BroadcastStep step = run.run("fanout " + Format.rate(frames) + " frames/s",
                        frames / LAYOUT.framesPerMessage(), STEP);
                steps.add(step);
                if (step.saturation().isPresent()) {
                    break;
                }
            }
        }
        return steps;
    }

    private static String liveSetTable(ProfileCapture.LiveSet liveSet) {
        MarkdownTable table = new MarkdownTable("class", "instances", "MB", "share");
        liveSet.largest().forEach(c -> table.row("`" + c.className() + "`", Format.count(c.instances()), Format.megabytes(c.bytes()),
                Format.percent((double) c.bytes() / liveSet.bytes())));
        return table.render();
    }

    /** A path's steps, one after the other, from its first second. */
    private static List<LatencyRecorder.Interval> intervals(List<BroadcastStep> steps) {
        return ChartSeries.fromZero(steps.stream().flatMap(step -> step.intervals().stream()).toList());
    }

    private static Histogram merged(List<BroadcastStep> steps) {
        Histogram all = new Histogram(steps.get(0).frameLatencies().getHighestTrackableValue(), 3);
        steps.forEach(step -> all.add(step.frameLatencies()));
        return all;
    }
}
