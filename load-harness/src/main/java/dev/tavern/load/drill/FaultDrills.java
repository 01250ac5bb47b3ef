package dev.tavern.load.drill;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tavern.load.LoadSettings;
import dev.tavern.load.LoadStack;
import dev.tavern.local.TavernService;

/**
 * The fault drills: scripted, bounded in time, on loopback, against the running stack, each counting what its users
 * saw (sent / accepted / delivered / duplicated / lost). Each drill writes {@code drill-<name>.log} into the run folder
 * beside the services' logs.
 *
 * <p>{@code -Dtavern.drills=kafka-outage,postgres-restart} runs only the drills named. {@link #main} runs them on a
 * stack of their own, for working on one drill without the scenarios.
 */
public final class FaultDrills {

    private static final String SELECTION = "tavern.drills";
    private static final String RETRY_INTERVAL_VARIABLE = "TAVERN_WEBHOOK_RETRY_INTERVAL";
    private static final String ATTEMPT_TIMEOUT_VARIABLE = "TAVERN_WEBHOOK_ATTEMPT_TIMEOUT";
    private static final String LEASE_MARGIN_VARIABLE = "TAVERN_WEBHOOK_LEASE_MARGIN";

    private FaultDrills() {
    }

    private static List<FaultDrill> all() {
        return List.of(
                InfrastructureOutageDrill.kafka(),
                new WebhookReceiverOutageDrill(webhookRetryInterval()),
                new EndlessBodyDrill(),
                new DnsFailureDrill(webhookRetryInterval()),
                new DispatcherCrashDrill(),
                new DispatcherFreezeDrill(webhookLease()),
                InfrastructureOutageDrill.postgres(),
                new GatewayFailoverDrill());
    }

    /** The dispatcher's time between attempts for the run, from {@link LoadSettings} (production: 5 minutes). */
    private static Duration webhookRetryInterval() {
        return dispatcherSetting(RETRY_INTERVAL_VARIABLE)
                .orElseThrow(() -> new IllegalStateException("The webhook drills need " + RETRY_INTERVAL_VARIABLE
                        + " shortened in LoadSettings"));
    }

    /** How long a claimed delivery stays reserved in the run: attempt timeout (10 s unless set) plus lease margin. */
    private static Duration webhookLease() {
        return dispatcherSetting(ATTEMPT_TIMEOUT_VARIABLE).orElse(Duration.ofSeconds(10))
                .plus(dispatcherSetting(LEASE_MARGIN_VARIABLE).orElse(Duration.ofSeconds(30)));
    }

    private static Optional<Duration> dispatcherSetting(String variable) {
        // Quarkus's short form: "2s" is ISO-8601's PT2S.
        return Optional.ofNullable(LoadSettings.environment().getOrDefault(TavernService.WEBHOOK_DISPATCHER, Map.of()).get(variable))
                .map(value -> Duration.parse("PT" + value.toUpperCase(Locale.ROOT)));
    }

    /**
     * Runs every drill (or those {@code -Dtavern.drills} names), one after the other, on a stack started with
     * {@link LoadSettings}. A drill that breaks off is reported as such, with its log, and the next one runs.
     */
    public static List<DrillOutcome> runAll(LoadStack stack, Path runDir) {
        List<FaultDrill> drills = selected();
        List<DrillOutcome> outcomes = new ArrayList<>();
        try (DrillKit kit = new DrillKit(stack)) {
            for (FaultDrill drill : drills) {
                outcomes.add(run(drill, kit, runDir));
            }
        }
        return outcomes;
    }

    private static DrillOutcome run(FaultDrill drill, DrillKit kit, Path runDir) {
        try (Timeline timeline = Timeline.open(runDir, drill.name())) {
            timeline.mark("%s: %s", drill.name(), drill.what());
            try {
                DrillOutcome outcome = drill.run(kit, timeline);
                timeline.mark("sent %d, accepted %d, delivered %d, duplicated %d, lost %d; %s", outcome.sent(),
                        outcome.accepted(), outcome.delivered(), outcome.duplicated(), outcome.lost(), outcome.notes());
                return outcome;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                timeline.failed(e);
                return broken(drill, timeline, e);
            } catch (Exception e) {
                timeline.failed(e);
                return broken(drill, timeline, e);
            }
        }
    }

    private static DrillOutcome broken(FaultDrill drill, Timeline timeline, Exception failure) {
        return new DrillOutcome(drill.name(), drill.what(), 0, 0, 0, 0, 0, timeline.elapsed(),
                "BROKE OFF, counts not valid: " + failure + " (see drill-" + drill.name() + ".log)");
    }

    private static List<FaultDrill> selected() {
        String selection = System.getProperty(SELECTION, "").strip();
        List<FaultDrill> all = all();
        if (selection.isEmpty()) {
            return all;
        }
        Set<String> names = Arrays.stream(selection.split(",")).map(String::strip).collect(Collectors.toSet());
        Set<String> known = all.stream().map(FaultDrill::name).collect(Collectors.toSet());
        if (!known.containsAll(names)) {
            throw new IllegalArgumentException(SELECTION + "=" + selection + " names unknown drills; known: " + known);
        }
        return all.stream().filter(drill -> names.contains(drill.name())).toList();
    }

    /**
     * Runs the drills alone on a stack of their own (in {@code load-harness/target/drills/<UTC time>}), and prints
     * their counts. {@code -Dtavern.project.root} names the repository (the services must be packaged).
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("tavern.project.root", ".")).toAbsolutePath().normalize();
        String started = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Path runDir = root.resolve("load-harness/target/drills").resolve(started);
        List<DrillOutcome> outcomes;
        try (LoadStack stack = LoadStack.start(root, runDir, LoadSettings.environment())) {
            outcomes = runAll(stack, runDir);
        }
        System.out.printf("%-26s %6s %8s %9s %10s %5s %7s%n", "drill", "sent", "accepted", "delivered", "duplicated",
                "lost", "took");
        for (DrillOutcome o : outcomes) {
            System.out.printf("%-26s %6d %8d %9d %10d %5d %6ds%n  %s%n", o.name(), o.sent(), o.accepted(), o.delivered(),
                    o.duplicated(), o.lost(), o.took().toSeconds(), o.notes());
        }
        System.out.println("Logs: " + runDir);
    }
}
