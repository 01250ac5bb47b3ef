package dev.tavern.load.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.tavern.load.DiceRolls;
import dev.tavern.load.FixedRateDriver;
import dev.tavern.load.HgrmFiles;
import dev.tavern.load.LatencyRecorder;
import dev.tavern.load.OpenLoopSchedule;
import dev.tavern.load.Progress;
import dev.tavern.load.report.ChartSeries;
import dev.tavern.load.report.Charts;
import dev.tavern.load.report.Format;
import dev.tavern.load.report.GoalResult;
import dev.tavern.load.report.LatencyTable;
import dev.tavern.load.report.ScenarioReport;
import dev.tavern.local.ServiceProcess;
import dev.tavern.local.TavernService;
import dev.tavern.local.VttSetup;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

/**
 * Scenario 1: dice rolls accepted by vtt-ingest-service from many API keys at rising fixed rates until it
 * saturates. The ceiling is ingest-ceiling driven the same way: the work no roll can do without (one INSERT, one Kafka
 * record); the same service's liveness endpoint (no database, no Kafka) shows what its HTTP stack alone can do.
 */
public final class IngestScenario {

    static final String TITLE = "1. Ingest";
    private static final int CAMPAIGNS = 100;
    private static final int CHARACTERS = 4;
    private static final double[] ROLL_RATES = {500, 1000, 1500, 2000, 3000, 5000, 7000, 10000};
    private static final double[] CEILING_RATES = {1000, 2000, 5000, 10000, 20000, 30000};
    private static final Duration STEP = Duration.ofSeconds(6);
    private static final Duration CEILING_STEP = Duration.ofSeconds(4);
    /**
     * A freshly started JVM runs its first rolls interpreted, and C2 was still compiling (a fifth of a core) through
     * the steps after 3,000 warm-up rolls: 10,000 give the JIT its time, as a replica that has run a while has had.
     * On a slow machine they did not (the warm-up itself saturated, and C2 compiled for seconds through the steps), so
     * a round is repeated, up to {@link #WARM_UP_ROUNDS}, until one does not saturate; the ceiling is warmed the same way.
     */
    private static final OpenLoopSchedule WARM_UP = new OpenLoopSchedule(500, Duration.ofSeconds(20));
    private static final int WARM_UP_ROUNDS = 4;
    private static final double GOAL_RATE = 5000;
    private static final double GOAL_P99_RATE = 2000;
    private static final double GOAL_P99_MS = 25;

    private IngestScenario() {
    }

    /** Posts one roll of a campaign's character. */
    @FunctionalInterface
    private interface RollPost {
        Future<String> post(VttSetup.Campaign campaign, String characterId, String rollId);
    }

    /** The requests of a run labelled {@code label}: the campaigns in turn, each rolling for its characters in turn. */
    private static Function<String, FixedRateDriver.Request> roundRobin(List<VttSetup.Campaign> campaigns, RollPost roll) {
        return label -> (index, intended) -> roll.post(campaigns.get((int) (index % CAMPAIGNS)),
                "char-" + (index / CAMPAIGNS % CHARACTERS), label + "-" + index);
    }

    /** The sustained rate, or, when every rate saturated, the best one achieved, said as such. */
    private static String sustainedOrBest(double sustained, List<FixedRateDriver.Result> steps) {
        if (sustained > 0) {
            return Format.rate(sustained) + " /s";
        }
        double best = steps.stream().mapToDouble(FixedRateDriver.Result::achievedRate).max().orElse(0);
        return "none sustained (best " + Format.rate(best) + " /s, saturated)";
    }

    /** Warm-up rounds until one does not saturate, at most {@link #WARM_UP_ROUNDS}; every roll a new {@code rollId}. */
    private static List<FixedRateDriver.Result> warmUp(ScenarioContext context, String label,
                                                       Function<String, FixedRateDriver.Request> requestsOf,
                                                       LatencyRecorder timeline) throws InterruptedException {
        List<FixedRateDriver.Result> rounds = new ArrayList<>();
        do {
            int round = rounds.size() + 1;
            rounds.add(FixedRateDriver.run(context.clients().vertx(), label + " " + round + " (not a step)", WARM_UP,
                    requestsOf.apply("warm-up-" + round), timeline, Duration.ofSeconds(15)));
        } while (rounds.get(rounds.size() - 1).saturation().isPresent() && rounds.size() < WARM_UP_ROUNDS);
        return rounds;
    }

    public static ScenarioReport run(ScenarioContext context) throws InterruptedException {
        ServiceProcess ingest = context.service(TavernService.VTT_INGEST);
        Progress.say("%s: %d campaigns, each its own VTT connection and API key", TITLE, CAMPAIGNS);
        VttSetup tenant = VttSetup.newTenant(context.service(TavernService.SCHEDULER).url(), ingest.url(), context.operatorToken(),
                "load-ingest");
        List<VttSetup.Campaign> campaigns = new ArrayList<>();
        for (int i = 0; i < CAMPAIGNS; i++) {
            campaigns.add(tenant.campaign("ingest-world-" + i));
        }
        DiceRolls rolls = new DiceRolls(context.clients(), ingest.port());
        Function<String, FixedRateDriver.Request> rollsOf = roundRobin(campaigns, rolls::post);

        long origin = System.nanoTime();
        Instant started = Instant.now();
        LatencyRecorder rollTimeline = new LatencyRecorder(context.clients().vertx(), origin);
        List<FixedRateDriver.Result> rollRuns = warmUp(context, "warm-up", rollsOf, rollTimeline);
        List<FixedRateDriver.Result> steps = SteppedRun.untilSaturated(context, "dice rolls", ROLL_RATES, STEP, rollsOf,
                rollTimeline, GOAL_P99_RATE);
        rollTimeline.close();
        Instant rollsEnded = Instant.now();

        Progress.say("%s: every connection rolls for one character of one campaign at %s/s", TITLE, Format.rate(GOAL_P99_RATE));
        LatencyRecorder oneCharacterTimeline = new LatencyRecorder(context.clients().vertx(), origin);
        FixedRateDriver.Result oneCharacter = FixedRateDriver.run(context.clients().vertx(), "one character",
                new OpenLoopSchedule(GOAL_P99_RATE, STEP), (index, intended) -> rolls.post(campaigns.get(0), "char-0",
                        "one-character-" + index), oneCharacterTimeline, Duration.ofSeconds(15));
        oneCharacterTimeline.close();

        Progress.say("%s ceiling: ingest-ceiling's POST /rolls, one INSERT and one Kafka record each", TITLE);
        int sameWorkPort = context.ingestCeiling().port();
        Function<String, FixedRateDriver.Request> sameWorkOf = roundRobin(campaigns,
                (campaign, character, rollId) -> rolls.postToCeiling(sameWorkPort, campaign, character, rollId));
        LatencyRecorder sameWorkTimeline = new LatencyRecorder(context.clients().vertx(), origin);
        List<FixedRateDriver.Result> sameWorkRuns = warmUp(context, "same-work warm-up", sameWorkOf, sameWorkTimeline);
        List<FixedRateDriver.Result> sameWork = SteppedRun.untilSaturated(context, "ingest-ceiling POST /rolls", ROLL_RATES,
                STEP, sameWorkOf, sameWorkTimeline, GOAL_P99_RATE);
        sameWorkTimeline.close();

        Progress.say("%s: GET /q/health/live of the same process", TITLE);
        LatencyRecorder ceilingTimeline = new LatencyRecorder(context.clients().vertx(), origin);
        List<FixedRateDriver.Result> ceiling = SteppedRun.untilSaturated(context, "GET /q/health/live", CEILING_RATES,
                CEILING_STEP, label -> (index, intended) -> context.clients().send(HttpMethod.GET, ingest.port(),
                        "/q/health/live", Map.of(), null), ceilingTimeline, GOAL_P99_RATE);
        ceilingTimeline.close();

        HgrmFiles.write(context.runDir().resolve("ingest-dice-rolls.hgrm"), rollTimeline.total());
        HgrmFiles.write(context.runDir().resolve("ingest-ceiling-same-work.hgrm"), sameWorkTimeline.total());
        HgrmFiles.write(context.runDir().resolve("ingest-ceiling-health.hgrm"), ceilingTimeline.total());
        rollRuns.addAll(steps);
        sameWorkRuns.addAll(sameWork);

        double sustained = SteppedRun.sustained(steps);
        double ceilingSustained = SteppedRun.sustained(sameWork);
        String ceilingText = SteppedRun.describe(ceilingSustained, SteppedRun.saturated(sameWork)) + " (same work)";
        String healthText = SteppedRun.describe(SteppedRun.sustained(ceiling), SteppedRun.saturated(ceiling));
        FixedRateDriver.Result atGoalRate = SteppedRun.at(steps, GOAL_P99_RATE).orElseThrow();
        FixedRateDriver.Result ceilingAtGoalRate = SteppedRun.at(sameWork, GOAL_P99_RATE).orElseThrow();
        GoalResult.Window window = GoalResult.Window.cpu(List.of(TavernService.VTT_INGEST.module()), started, rollsEnded);
        List<GoalResult> goals = List.of(
                GoalResult.of("ingest ≥ 5,000 rolls/s", sustainedOrBest(sustained, steps), ceilingText,
                        sustained / ceilingSustained, sustained >= GOAL_RATE, window),
                GoalResult.of("ingest p99 ≤ 25 ms at 2,000 rolls/s", Format.ms(atGoalRate.percentileMs(99)) + " ms",
                        Format.ms(ceilingAtGoalRate.percentileMs(99)) + " ms",
                        atGoalRate.percentileMs(99) / ceilingAtGoalRate.percentileMs(99),
                        atGoalRate.saturation().isEmpty() && atGoalRate.percentileMs(99) <= GOAL_P99_MS, window));

        Map<String, List<Charts.Point>> latencies = new LinkedHashMap<>(ChartSeries.percentiles("dice roll", rollTimeline.intervals()));
        latencies.putAll(ChartSeries.percentiles("same work", sameWorkTimeline.intervals()));
        Map<String, List<Charts.Point>> throughput = new LinkedHashMap<>();
        throughput.put("dice rolls accepted /s", ChartSeries.rate(rollTimeline.intervals()));
        throughput.put("same work answered /s", ChartSeries.rate(sameWorkTimeline.intervals()));

        String markdown = """
                POST `/webhooks/vtt/dice-roll` from %d VTT connections (one API key and campaign each, %d characters), \
                round robin, every roll a new `rollId`; open loop at fixed rates for %d s each, after warm-up rounds at \
                %s/s for %d s (repeated, up to %d, until one does not saturate), up to the first rate that saturates (and \
                at least to %s/s). Latency runs from each request's intended start \
                to its answer. Saturation: any request unanswered after the run, errors over 0.1 %%, under 95 %% of the \
                target achieved, or p99 over 1 s.

                **Sustained dice rolls: %s**; ceiling: %s. The ceiling is ingest-ceiling, a Quarkus application that \
                does what no roll can do without and nothing else: `POST /rolls` inserts the body as one row (its own \
                durable commit, on the same PostgreSQL) and produces it to Kafka (same broker and producer settings), \
                then answers; no authentication, rate limit, validation, campaign, character, outbox or JSON parsing. \
                It runs with vtt-ingest-service's JVM flags, the same rolls and rates, after warm-up rounds the same way. \
                `GET /q/health/live` of vtt-ingest-service (no database, no Kafka; %d s per rate) answered %s.

                %s
                One busy table: every connection posts for the same character of the same campaign (one API key), \
                %s/s for %d s. A roll writes no character row, so rolls of one character do not queue behind each other \
                there; they do behind the key's rate-limit row, which each roll's statement updates and keeps locked \
                until its commit, so one key's rolls commit one at a time (exact limits across replicas; a key's \
                production limit is 120 a minute):

                %s
                Ceiling, the same work:

                %s
                `GET /q/health/live`:

                %s
                %s
                %s
                Raw histograms: `ingest-dice-rolls.hgrm`, `ingest-ceiling-same-work.hgrm`, `ingest-ceiling-health.hgrm`.
                """.formatted(CAMPAIGNS, CHARACTERS, STEP.toSeconds(), Format.rate(WARM_UP.ratePerSecond()),
                WARM_UP.duration().toSeconds(), WARM_UP_ROUNDS, Format.rate(GOAL_P99_RATE), sustainedOrBest(sustained, steps),
                ceilingText, CEILING_STEP.toSeconds(),
                healthText, LatencyTable.render(rollRuns), Format.rate(GOAL_P99_RATE), STEP.toSeconds(),
                LatencyTable.render(List.of(oneCharacter)), LatencyTable.render(sameWorkRuns), LatencyTable.render(ceiling),
                Charts.lines(context.runDir(), "ingest-latency.png", "Ingest: latency from intended start (ms)", "ms", latencies, true),
                Charts.lines(context.runDir(), "ingest-throughput.png", "Ingest: answered per second", "per second", throughput, false));
        return new ScenarioReport(TITLE, markdown, goals);
    }
}
