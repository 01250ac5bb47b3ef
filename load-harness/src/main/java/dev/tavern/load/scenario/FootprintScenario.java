package dev.tavern.load.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

import dev.tavern.load.Progress;
import dev.tavern.load.ResourceSampler;
import dev.tavern.load.ResourceSampler.Usage;
import dev.tavern.load.report.Charts;
import dev.tavern.load.report.Format;
import dev.tavern.load.report.GoalResult;
import dev.tavern.load.report.MarkdownTable;
import dev.tavern.load.report.ScenarioReport;
import dev.tavern.local.TavernService;

/**
 * Scenario 5: resident memory and CPU of every process at idle and under scenario 2, from the sampler's readings of
 * /proc; the ceiling of a service's memory is broadcast-ceiling's, a Quarkus application with next to nothing in
 * it, run with the same JVM flags.
 */
public final class FootprintScenario {

    static final String TITLE = "5. Footprint";
    private static final Duration IDLE = Duration.ofSeconds(10);
    private static final long GOAL_RSS_BYTES = 250L * 1024 * 1024;

    /** A stretch of the run. */
    public record Window(Instant from, Instant to) {
    }

    private FootprintScenario() {
    }

    /** Reads the machine at rest, once earlier load has settled. */
    public static Window measureIdle(ScenarioContext context) throws InterruptedException {
        Progress.say("%s: %d s at idle", TITLE, IDLE.toSeconds());
        context.settle();
        Instant from = Instant.now();
        Thread.sleep(IDLE.toMillis());
        return new Window(from, Instant.now());
    }

    /**
     * @param underLoad when scenario 2 measured
     * @param runStart  when sampling began: the charts cover the whole run so far
     */
    public static ScenarioReport report(ScenarioContext context, Window idle, Window underLoad, Instant runStart) {
        ResourceSampler sampler = context.sampler();
        Map<String, Usage> atIdle = byProcess(sampler.usage(idle.from(), idle.to()));
        Map<String, Usage> loaded = byProcess(sampler.usage(underLoad.from(), underLoad.to()));
        Map<String, Usage> wholeRun = byProcess(sampler.usage(runStart, Instant.now()));

        MarkdownTable table = new MarkdownTable("process", "idle CPU (cores)", "idle RSS max MB", "scenario 2 CPU avg (cores)",
                "scenario 2 CPU max (cores)", "scenario 2 RSS max MB", "whole run RSS max MB");
        wholeRun.keySet().forEach(process -> table.row(process, cores(atIdle, process), rss(atIdle, process, Usage::maxRssBytes),
                cores(loaded, process), Optional.ofNullable(loaded.get(process)).map(u -> Format.cores(u.maxCores())).orElse("–"),
                rss(loaded, process, Usage::maxRssBytes), rss(wholeRun, process, Usage::maxRssBytes)));

        String ceilingName = context.ceiling().name();
        long ceilingRss = Optional.ofNullable(atIdle.get(ceilingName)).map(Usage::maxRssBytes).orElse(0L);
        List<GoalResult> goals = new ArrayList<>();
        // The goal is RSS at idle; the most under scenario 2 is shown beside it.
        for (TavernService service : TavernService.values()) {
            long rss = Optional.ofNullable(atIdle.get(service.module())).map(Usage::maxRssBytes).orElse(0L);
            String underScenario2 = rss(loaded, service.module(), Usage::maxRssBytes);
            goals.add(GoalResult.of(service.module() + " ≤ 250 MB RSS idle",
                    Format.megabytes(rss) + " MB (" + underScenario2 + " MB under scenario 2)", Format.megabytes(ceilingRss) + " MB",
                    (double) rss / Math.max(1, ceilingRss), rss > 0 && rss <= GOAL_RSS_BYTES,
                    GoalResult.Window.memory(List.of(service.module()), idle.from(), idle.to())));
        }

        Map<String, List<Charts.Point>> memory = new LinkedHashMap<>();
        Map<String, List<Charts.Point>> cpu = new LinkedHashMap<>();
        for (ResourceSampler.Sample sample : sampler.samples()) {
            double seconds = Duration.between(runStart, sample.at()).toMillis() / 1000.0;
            if (sample.rssBytes() > 0 && !sample.process().equals(ResourceSampler.MACHINE)) {
                memory.computeIfAbsent(sample.process(), p -> new ArrayList<>()).add(new Charts.Point(seconds, sample.rssBytes() / 1048576.0));
            }
            cpu.computeIfAbsent(sample.process(), p -> new ArrayList<>()).add(new Charts.Point(seconds, sample.cpuCores()));
        }
        String markdown = """
                Every second, from `/proc/<pid>/stat`: CPU time used (in cores: 1.0 is one core busy) and resident set \
                size (PostgreSQL: its server and every backend, as proportional set size, so shared buffers count once); this JVM (the harness) is split by thread into \
                the load generator, the Kafka broker it embeds, and the rest (GC, JIT). Idle: %d s after scenario 1 \
                settled. Under load: scenario 2's measured run. Each service runs with its own JVM flags (the header lists them).

                %s
                The goal is each service's RSS at idle (the most in the idle window); the goals table shows the most \
                under scenario 2 beside it. Its ceiling is broadcast-ceiling's idle RSS (%s MB): a Quarkus application \
                with one WebSocket endpoint and one Kafka consumer, with broadcast-gateway's JVM flags, i.e. what any \
                service of this stack starts from.

                %s
                %s
                """.formatted(IDLE.toSeconds(), table.render(), Format.megabytes(ceilingRss),
                Charts.lines(context.runDir(), "footprint-rss.png", "Resident memory over the run (MB)", "MB", memory, false),
                Charts.lines(context.runDir(), "footprint-cpu.png", "CPU over the run (cores)", "cores", cpu, false));
        return new ScenarioReport(TITLE, markdown, goals);
    }

    private static Map<String, Usage> byProcess(List<Usage> usage) {
        Map<String, Usage> map = new LinkedHashMap<>();
        usage.forEach(u -> map.put(u.process(), u));
        return map;
    }

    private static String cores(Map<String, Usage> usage, String process) {
        return Optional.ofNullable(usage.get(process)).map(u -> Format.cores(u.avgCores())).orElse("–");
    }

    private static String rss(Map<String, Usage> usage, String process, ToLongFunction<Usage> value) {
        return Optional.ofNullable(usage.get(process)).filter(u -> value.applyAsLong(u) > 0)
                .map(u -> Format.megabytes(value.applyAsLong(u))).orElse("–");
    }
}
