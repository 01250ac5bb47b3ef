package dev.tavern.load.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.tavern.load.drill.DrillOutcome;

/** {@code report.md}: the run's header, the goals, one section per scenario, the missed goals' profiles, the drills. */
public final class Report {

    public static final String FILE = "report.md";

    private static final String CEILINGS = """
            Each ceiling is the same measure, in the same run, of something simpler on the same machine (each \
            scenario says what). "≥" marks a ceiling that even the highest rate tried did not saturate. Every missed \
            goal has its profile below.

            """;

    private Report() {
    }

    /** @param drills empty while the drills have not run yet (a report is written before them, in case they break) */
    public static Path write(Path runDir, String title, String header, List<ScenarioReport> scenarios, String profiles,
                             Optional<List<DrillOutcome>> drills) {
        StringBuilder out = new StringBuilder("# ").append(title).append("\n\n").append(header).append('\n');
        out.append("## Goals\n\n").append(goals(scenarios)).append('\n').append(CEILINGS);
        for (ScenarioReport scenario : scenarios) {
            out.append("## ").append(scenario.title()).append("\n\n").append(scenario.markdown()).append('\n');
        }
        out.append("## Profiles of the missed goals\n\n").append(profiles).append('\n');
        out.append("## Fault drills\n\n").append(drills.map(Report::drills).orElse("Not run yet.\n"));
        Path file = runDir.resolve(FILE);
        try {
            Files.writeString(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    /** Every goal of every scenario: measured, met or not, and the ceiling measured the same way in the same run. */
    public static String goals(List<ScenarioReport> scenarios) {
        MarkdownTable table = new MarkdownTable("goal", "measured", "met", "ceiling", "measured / ceiling");
        scenarios.stream().flatMap(scenario -> scenario.goals().stream()).forEach(goal ->
                table.row(goal.goal(), goal.measured(), goal.met() ? "yes" : "**no**", goal.ceiling(), goal.ratio()));
        return table.render();
    }

    public static String drills(List<DrillOutcome> drills) {
        MarkdownTable table = new MarkdownTable("drill", "what", "sent", "accepted", "delivered", "duplicated", "lost",
                "took s", "notes");
        drills.forEach(drill -> table.row(drill.name(), drill.what(), Format.count(drill.sent()), Format.count(drill.accepted()),
                Format.count(drill.delivered()), Format.count(drill.duplicated()), Format.count(drill.lost()),
                Format.seconds(drill.took()), drill.notes()));
        return table.render();
    }
}
