package dev.tavern.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.tavern.load.report.Format;
import dev.tavern.load.report.GoalResult;
import dev.tavern.load.report.MarkdownTable;
import dev.tavern.local.ServiceProcess;

/**
 * For the goals the run missed: where the machine's CPU went while each was measured (every process, the generator
 * apart), and from the flight recording of each service it is about, the hottest methods and libraries, GC pauses,
 * heap and metaspace. Goals measured over the same window share one profile.
 */
final class MissedGoalProfiles {

    private static final int TOP = 12;

    private final Map<String, ServiceProcess> services;
    private final ResourceSampler sampler;
    private final Path runDir;
    private final Map<String, Path> recordings = new HashMap<>();

    MissedGoalProfiles(Map<String, ServiceProcess> services, ResourceSampler sampler, Path runDir) {
        this.services = services;
        this.sampler = sampler;
        this.runDir = runDir;
    }

    String render(List<GoalResult> goals) {
        Map<GoalResult.Window, List<GoalResult>> byWindow = new LinkedHashMap<>();
        goals.forEach(goal -> goal.explain().ifPresent(window -> byWindow.computeIfAbsent(window, w -> new ArrayList<>()).add(goal)));
        if (byWindow.isEmpty()) {
            return "Every goal was met: no profile needed.\n";
        }
        StringBuilder out = new StringBuilder();
        byWindow.forEach((window, missed) -> out.append(explain(missed, window)));
        return out.toString();
    }

    private String explain(List<GoalResult> missed, GoalResult.Window window) {
        StringBuilder out = new StringBuilder("### ").append(missed.stream()
                .map(goal -> goal.goal() + " (measured " + goal.measured() + ")").collect(Collectors.joining("; "))).append("\n\n");
        if (window.evidence() == GoalResult.Evidence.CPU) {
            MarkdownTable cpu = new MarkdownTable("process", "CPU avg (cores)", "CPU max (cores)", "RSS max MB");
            sampler.usage(window.from(), window.to()).forEach(usage -> cpu.row(usage.process(), Format.cores(usage.avgCores()),
                    Format.cores(usage.maxCores()), usage.maxRssBytes() == 0 ? "–" : Format.megabytes(usage.maxRssBytes())));
            out.append("Where the CPU went meanwhile (").append(window.from()).append(" to ").append(window.to())
                    .append("):\n\n").append(cpu.render()).append('\n');
        }
        for (String name : window.processes()) {
            try {
                ProfileCapture.Profile profile = ProfileCapture.summarize(recording(name), window.from(), window.to(), TOP);
                out.append("**").append(name).append("** (JFR): heap at most ").append(Format.megabytes(profile.maxHeapUsedBytes()))
                        .append(" MB used of ").append(Format.megabytes(profile.maxHeapCommittedBytes()))
                        .append(" MB committed, metaspace ").append(Format.megabytes(profile.maxMetaspaceCommittedBytes()))
                        .append(" MB committed; GC pauses ").append(profile.gcPauses().toMillis()).append(" ms");
                if (window.evidence() == GoalResult.Evidence.MEMORY) {
                    out.append(". The rest of the RSS is the JVM's own (code cache, thread stacks, GC structures, "
                            + "direct buffers).\n\n");
                } else {
                    out.append("; ").append(Format.count(profile.samples())).append(" CPU samples (`jdk.ExecutionSample`).\n\n")
                            .append(hotspots("method on CPU (self time)", profile.methods())).append('\n')
                            .append(hotspots("library on the stack (inclusive)", profile.libraries())).append('\n');
                }
            } catch (RuntimeException e) {
                out.append("**").append(name).append("**: no recording (").append(e.getMessage()).append(")\n\n");
            }
        }
        return out.toString();
    }

    /** Dumps a service's recording once; every window is read from that file. */
    private Path recording(String name) {
        return recordings.computeIfAbsent(name, n -> {
            ServiceProcess service = services.get(n);
            if (service == null || !service.isAlive()) {
                throw new IllegalStateException(n + " is not running");
            }
            Path file = runDir.resolve("profile-" + n + ".jfr");
            ProfileCapture.dump(service.process().pid(), file);
            if (!Files.exists(file)) {
                throw new IllegalStateException("no recording written");
            }
            return file;
        });
    }

    private static String hotspots(String what, List<ProfileCapture.Hotspot> hotspots) {
        MarkdownTable table = new MarkdownTable(what, "samples", "share");
        hotspots.forEach(h -> table.row("`" + h.name() + "`", Format.count(h.samples()), Format.percent(h.share())));
        return table.render();
    }
}
