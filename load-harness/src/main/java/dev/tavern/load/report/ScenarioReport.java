package dev.tavern.load.report;

import java.util.List;

/** A scenario's section of the report (Markdown with its charts already written) and the goals it measured. */
public record ScenarioReport(String title, String markdown, List<GoalResult> goals) {

    /** A scenario that could not finish: the report says why instead of leaving it out. */
    public static ScenarioReport failed(String title, Exception failure) {
        return new ScenarioReport(title, "**Did not complete:** `" + failure + "`\n", List.of());
    }
}
