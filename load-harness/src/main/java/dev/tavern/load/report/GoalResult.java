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

    /**
     * The processes (by name, as the sampler knows them) whose recordings explain a missed goal, when, and with what:
     * where their CPU went, or what their memory holds.
     */
    public record Window(List<String> processes, Instant from, Instant to, Evidence evidence) {

        public static Window cpu(List<String> processes, Instant from, Instant to) {
            return new Window(processes, from, to, Evidence.CPU);
        }

        public static Window memory(List<String> processes, Instant from, Instant to) {
            return new Window(processes, from, to, Evidence.MEMORY);
        }
    }

    public enum Evidence { CPU, MEMORY }

    public static GoalResult of(String goal, String measured, String ceiling, double ratio, boolean met, Window window) {
        return new GoalResult(goal, measured, ceiling, Format.ratio(ratio), met, met ? Optional.empty() : Optional.of(window));
    }
}
