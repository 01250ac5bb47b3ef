package dev.tavern.load.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One goal of the issue as this run measured it, beside the same measure of the machine's ceiling.
 *
 * @param ratio   measured divided by the ceiling
 * @param explain when the goal is missed, which processes to profile over which window
 */
public record GoalResult(String goal, String measured, String ceiling, String ratio, boolean met, Optional<Window> explain) {

    /** The processes (by name, as the sampler knows them) that a missed goal's profile covers, and when. */
    public record Window(List<String> processes, Instant from, Instant to) {
    }

    public static GoalResult of(String goal, String measured, String ceiling, double ratio, boolean met, Window window) {
        return new GoalResult(goal, measured, ceiling, Format.ratio(ratio), met, met ? Optional.empty() : Optional.of(window));
    }
}
