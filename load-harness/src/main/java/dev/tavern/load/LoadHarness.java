package dev.tavern.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.tavern.infra.FreePorts;
import dev.tavern.load.drill.DrillOutcome;
import dev.tavern.load.drill.FaultDrills;
import dev.tavern.load.report.Report;
import dev.tavern.load.report.RunHeader;
import dev.tavern.load.report.ScenarioReport;
import dev.tavern.load.scenario.EndToEndScenario;
import dev.tavern.load.scenario.FanOutScenario;
import dev.tavern.load.scenario.FootprintScenario;
import dev.tavern.load.scenario.IngestScenario;
import dev.tavern.load.scenario.ScenarioContext;
import dev.tavern.load.scenario.WebhookScenario;
import dev.tavern.local.ServiceProcess;
import dev.tavern.local.TavernService;

/**
 * {@code ./mvnw package -DskipTests -Pload}: starts the stack as in production (one process per service, Kafka and
 * PostgreSQL), runs the five scenarios with their ceilings, then the fault drills, and writes
 * {@code load-harness/results/<UTC time>/report.md} with its charts and raw histograms.
 */
public final class LoadHarness {

    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final String CEILING = "broadcast-ceiling";
    private static final String INGEST_CEILING = "ingest-ceiling";
    private static final String WEBHOOK_CEILING = "webhook-ceiling";
    /** {@code -Dtavern.load.parts=fan-out,footprint} runs only those parts, to work on one path; a report to keep runs all. */
    private static final RunParts PARTS = RunParts.of(System.getProperty("tavern.load.parts", RunParts.ALL));

    private LoadHarness() {
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (Exception | Error failure) {
            // A run that cannot go on (a service that does not start) ends, with its stack stopped, rather than wait.
            failure.printStackTrace();
            System.exit(1);
        }
        // The embedded broker's and Vert.x's threads would keep the JVM alive.
        System.exit(0);
    }

    private static void run() throws Exception {
        // Charts are drawn without a display.
        System.setProperty("java.awt.headless", "true");
        Path root = Path.of(System.getProperty("tavern.project.root", "..")).toAbsolutePath().normalize();
        Instant started = Instant.now();
        Path runDir = root.resolve("load-harness/results").resolve(FOLDER.format(started));
        Progress.say("Load run into %s; starting Kafka, PostgreSQL and the services", runDir);

        try (LoadStack stack = LoadStack.start(root, runDir, LoadSettings.environment());
             LoadClients clients = LoadClients.create()) {
            RunHeader header = RunHeader.capture(root, stack.tavern().infrastructure().postgres(),
                    Arrays.stream(TavernService.values()).map(stack::service).toList());
            ServiceProcess ceiling = ServiceProcess.ofJar(CEILING, root.resolve("broadcast-ceiling/target/quarkus-app/quarkus-run.jar"),
                    TavernService.BROADCAST_GATEWAY, root, FreePorts.next(), stack.tavern().infrastructureEnvironment(),
                    runDir.resolve(CEILING + ".log"));
            ServiceProcess ingestCeiling = ServiceProcess.ofJar(INGEST_CEILING,
                    root.resolve("ingest-ceiling/target/quarkus-app/quarkus-run.jar"), TavernService.VTT_INGEST, root,
                    FreePorts.next(), stack.tavern().infrastructureEnvironment(), runDir.resolve(INGEST_CEILING + ".log"));
            ServiceProcess webhookCeiling = ServiceProcess.ofJar(WEBHOOK_CEILING,
                    root.resolve("webhook-ceiling/target/quarkus-app/quarkus-run.jar"), TavernService.WEBHOOK_DISPATCHER, root,
                    FreePorts.next(), stack.tavern().infrastructureEnvironment(), runDir.resolve(WEBHOOK_CEILING + ".log"));
            ServiceProcess.startAll(List.of(ceiling, ingestCeiling, webhookCeiling), START_TIMEOUT);
            Map<String, ServiceProcess> services = new LinkedHashMap<>();
            for (TavernService service : TavernService.values()) {
                services.put(service.module(), stack.service(service));
                ProfileCapture.start(stack.service(service).process().pid());
            }
            Map<String, Supplier<List<Long>>> watched = new LinkedHashMap<>();
            services.forEach((name, process) -> watched.put(name, () -> pidOf(process)));
            watched.put(CEILING, () -> pidOf(ceiling));
            watched.put(INGEST_CEILING, () -> pidOf(ingestCeiling));
            watched.put(WEBHOOK_CEILING, () -> pidOf(webhookCeiling));
            Path postgresData = runDir.resolve("stack/postgres");
            watched.put("postgres (server and backends, PSS)", () -> PostgresProcesses.of(postgresData));

            try (ResourceSampler sampler = new ResourceSampler(watched)) {
                sampler.start();
                Instant sampling = Instant.now();
                ScenarioContext context = new ScenarioContext(stack, ceiling, ingestCeiling, webhookCeiling, clients, sampler,
                        runDir);
                List<ScenarioReport> scenarios = new ArrayList<>();
                if (PARTS.chosen("ingest")) {
                    scenarios.add(attempt("1. Ingest", () -> IngestScenario.run(context)));
                }
                FootprintScenario.Window idle = FootprintScenario.measureIdle(context);
                EndToEndScenario.Outcome endToEnd = null;
                if (PARTS.chosen("end-to-end")) {
                    try {
                        endToEnd = EndToEndScenario.run(context);
                        scenarios.add(endToEnd.report());
                    } catch (Exception e) {
                        Progress.say("2. End to end did not complete: %s", e);
                        scenarios.add(ScenarioReport.failed("2. End to end", e));
                    }
                }
                // Only the ingest and end-to-end scenarios use it; its rows and records are of no use afterwards.
                ingestCeiling.kill();
                if (PARTS.chosen("fan-out")) {
                    scenarios.add(attempt("3. Fan-out", () -> FanOutScenario.run(context)));
                }
                // Its last, saturated step can leave it busy writing for a while; it holds no data: killed at once.
                ceiling.kill();
                if (PARTS.chosen("webhooks")) {
                    scenarios.add(attempt("4. Webhooks", () -> WebhookScenario.run(context)));
                }
                webhookCeiling.kill();
                FootprintScenario.Window underLoad = endToEnd == null ? idle
                        : new FootprintScenario.Window(endToEnd.from(), endToEnd.to());
                if (PARTS.chosen("footprint")) {
                    scenarios.add(attempt("5. Footprint", () -> FootprintScenario.report(context, idle, underLoad, sampling)));
                }

                Progress.say("Profiles of the missed goals");
                String profiles = new MissedGoalProfiles(services, sampler, runDir)
                        .render(scenarios.stream().flatMap(s -> s.goals().stream()).toList());
                String title = "Tavern load report " + FOLDER.format(started) + PARTS.titleSuffix();
                Report.write(runDir, title, header.render(started.toString(), took(started)), scenarios, profiles, Optional.empty());

                if (PARTS.chosen("drills")) {
                    Progress.say("Fault drills");
                    List<DrillOutcome> drills = FaultDrills.runAll(stack, runDir);
                    Report.write(runDir, title, header.render(started.toString(), took(started)), scenarios, profiles,
                            Optional.of(drills));
                }
                Progress.say("Report: %s (%s)", runDir.resolve("report.md"), took(started));
            }
        }
        deleteTree(runDir.resolve("stack"));
    }

    /** A scenario whose failure is reported in its section; the run goes on with the next. */
    private static ScenarioReport attempt(String title, ScenarioRun run) {
        try {
            return run.run();
        } catch (Exception e) {
            Progress.say("%s did not complete: %s", title, e);
            return ScenarioReport.failed(title, e);
        }
    }

    @FunctionalInterface
    private interface ScenarioRun {
        ScenarioReport run() throws Exception;
    }

    /** The broker's and the database's data: hundreds of MB a run, of no use once it is over. */
    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static List<Long> pidOf(ServiceProcess process) {
        return process.isAlive() ? List.of(process.process().pid()) : List.of();
    }

    private static String took(Instant started) {
        Duration took = Duration.between(started, Instant.now());
        return took.toMinutes() + " min " + took.toSecondsPart() + " s";
    }
}
