package dev.tavern.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tavern.load.report.Format;
import dev.tavern.load.report.GoalResult;
import dev.tavern.load.report.MarkdownTable;
import dev.tavern.local.ServiceProcess;

/**
 * For every goal the run missed: where the machine's CPU went while it was measured (each process, the generator
 * apart), and the flight recording of each service the goal is about, summed up by hottest methods and packages.
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
        StringBuilder out = new StringBuilder();
        for (GoalResult goal : goals) {
            goal.explain().ifPresent(window -> out.append(explain(goal, window)));
        }
        return out.isEmpty() ? "Every goal was met: no profile needed.\n" : out.toString();
    }

    private String explain(GoalResult goal, GoalResult.Window window) {
        StringBuilder out = new StringBuilder("### " + goal.goal() + " (measured " + goal.measured() + ")\n\n");
        MarkdownTable cpu = new MarkdownTable("process", "CPU avg (cores)", "CPU max (cores)", "RSS max MB");
        sampler.usage(window.from(), window.to()).forEach(usage -> cpu.row(usage.process(), Format.cores(usage.avgCores()),
                Format.cores(usage.maxCores()), usage.maxRssBytes() == 0 ? "–" : Format.megabytes(usage.maxRssBytes())));
        out.append("Where the CPU went meanwhile (").append(window.from()).append(" to ").append(window.to()).append("):\n\n")
                .append(cpu.render()).append('\n');
        for (String name : window.processes()) {
            try {
                ProfileCapture.Profile profile = ProfileCapture.summarize(recording(name), window.from(), window.to(), TOP);
                out.append("**").append(name).append("**: ").append(Format.count(profile.samples()))
                        .append(" CPU samples (JFR `jdk.ExecutionSample`, default settings), GC pauses ")
                        .append(profile.gcPauses().toMillis()).append(" ms; heap at most ")
                        .append(Format.megabytes(profile.maxHeapUsedBytes())).append(" MB used of ")
                        .append(Format.megabytes(profile.maxHeapCommittedBytes())).append(" MB committed, metaspace ")
                        .append(Format.megabytes(profile.maxMetaspaceCommittedBytes())).append(" MB committed.\n\n");
                out.append(hotspots("top frame (self time)", profile.methods()))
                        .append('\n').append(hotspots("package of the top frame", profile.packages())).append('\n');
            } catch (RuntimeException e) {
                out.append("**").append(name).append("**: no profile (").append(e.getMessage()).append(")\n\n");
            }
        }
        return out.toString();
    }

    /** Dumps a service's recording once; the windows of every missed goal are read from that file. */
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
