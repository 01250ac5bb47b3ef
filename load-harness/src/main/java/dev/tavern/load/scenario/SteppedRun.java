package dev.tavern.load.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.tavern.load.FixedRateDriver;
import dev.tavern.load.LatencyRecorder;
import dev.tavern.load.OpenLoopSchedule;
import dev.tavern.load.Progress;
import dev.tavern.load.report.Format;

/** Open-loop runs at rising fixed rates, each after the machine settled, until the target saturates. */
final class SteppedRun {

    private static final Duration DRAIN = Duration.ofSeconds(15);

    private SteppedRun() {
    }

    /**
     * @param requestFor  the request of a run, given the run's label (so ids stay unique across runs)
     * @param runAtLeastTo rates up to this one run even past saturation, so a goal stated at that rate is measured
     */
    static List<FixedRateDriver.Result> untilSaturated(ScenarioContext context, String what, double[] rates, Duration step,
                                                       Function<String, FixedRateDriver.Request> requestFor,
                                                       LatencyRecorder timeline, double runAtLeastTo) throws InterruptedException {
        List<FixedRateDriver.Result> results = new ArrayList<>();
        for (double rate : rates) {
            context.settle();
            String label = what + " @" + Format.rate(rate) + "/s";
            FixedRateDriver.Result result = FixedRateDriver.run(context.clients().vertx(), label,
                    new OpenLoopSchedule(rate, step), requestFor.apply(label), timeline, DRAIN);
            results.add(result);
            Optional<String> saturation = result.saturation();
            Progress.say("  %s: %s/s achieved, p99 %s ms%s", label, Format.rate(result.achievedRate()),
                    Format.ms(result.percentileMs(99)), saturation.map(reason -> " (saturated: " + reason + ")").orElse(""));
            if (saturation.isPresent() && rate >= runAtLeastTo) {
                break;
            }
        }
        return results;
    }

    /** The best rate a run achieved without saturating, or 0 when every run saturated. */
    static double sustained(List<FixedRateDriver.Result> results) {
        return results.stream().filter(result -> result.saturation().isEmpty())
                .mapToDouble(FixedRateDriver.Result::achievedRate).max().orElse(0);
    }

    static boolean saturated(List<FixedRateDriver.Result> results) {
        return results.stream().anyMatch(result -> result.saturation().isPresent());
    }

    /** A sustained rate, as a lower bound ("≥") when even the highest rate tried did not saturate the target. */
    static String describe(double sustained, boolean saturated) {
        return (saturated ? "" : "≥ ") + Format.rate(sustained) + " /s";
    }

    static Optional<FixedRateDriver.Result> at(List<FixedRateDriver.Result> results, double rate) {
        return results.stream().filter(result -> result.targetRate() == rate).findFirst();
    }
}
