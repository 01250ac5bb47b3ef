package dev.tavern.load.scenario;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.HdrHistogram.Histogram;

import dev.tavern.load.FixedRateDriver;
import dev.tavern.load.LatencyRecorder;
import dev.tavern.load.report.Format;
import dev.tavern.load.report.MarkdownTable;

/**
 * One run of messages at a fixed rate to WebSocket clients: the publishing requests, the frames expected and
 * received, the delivery rate, and each frame's latency from its message's intended start.
 */
record BroadcastStep(String path, FixedRateDriver.Result posts, double targetFramesPerSecond, long expectedFrames,
                     long receivedFrames, double framesPerSecond, Histogram frameLatencies,
                     List<LatencyRecorder.Interval> intervals, int closedByServer) {

    private static final double MIN_DELIVERED_SHARE = 0.999;
    private static final double MIN_RATE_SHARE = 0.95;
    private static final double MAX_P99_MS = 1000;

    double percentileMs(double percentile) {
        return frameLatencies.getTotalCount() == 0 ? 0 : frameLatencies.getValueAtPercentile(percentile) / 1000.0;
    }

    long missing() {
        return Math.max(0, expectedFrames - receivedFrames);
    }

    /** Why this step is past what the path sustains, or empty. */
    Optional<String> saturation() {
        if (posts.saturation().isPresent()) {
            return Optional.of("publishing: " + posts.saturation().get());
        }
        if (closedByServer > 0) {
            return Optional.of(closedByServer + " clients closed by the server");
        }
        if (receivedFrames < expectedFrames * MIN_DELIVERED_SHARE) {
            return Optional.of(Format.count(missing()) + " frames missing");
        }
        if (framesPerSecond < targetFramesPerSecond * MIN_RATE_SHARE) {
            return Optional.of(String.format(Locale.ROOT, "%.0f %% of the target rate", framesPerSecond / targetFramesPerSecond * 100));
        }
        if (percentileMs(99) > MAX_P99_MS) {
            return Optional.of("p99 over " + (long) MAX_P99_MS + " ms");
        }
        return Optional.empty();
    }

    static String table(List<BroadcastStep> steps) {
        MarkdownTable table = new MarkdownTable("path", "run", "messages /s", "target frames /s", "frames /s delivered",
                "frames expected", "frames received", "publish p99 ms", "frame p50 ms", "frame p99 ms", "frame p99.9 ms",
                "frame max ms", "closed by server", "saturated");
        for (BroadcastStep step : steps) {
            table.row(step.path(), step.posts().label(), Format.rate(step.posts().targetRate()),
                    Format.rate(step.targetFramesPerSecond()), Format.rate(step.framesPerSecond()),
                    Format.count(step.expectedFrames()), Format.count(step.receivedFrames()),
                    Format.ms(step.posts().percentileMs(99)), Format.ms(step.percentileMs(50)), Format.ms(step.percentileMs(99)),
                    Format.ms(step.percentileMs(99.9)), Format.ms(step.frameLatencies().getTotalCount() == 0 ? 0
                            : step.frameLatencies().getMaxValue() / 1000.0),
                    Format.count(step.closedByServer()), step.saturation().orElse("no"));
        }
        return table.render();
    }

    /** The best delivery rate of a step that did not saturate, or 0. */
    static double sustained(List<BroadcastStep> steps) {
        return steps.stream().filter(step -> step.saturation().isEmpty())
                .mapToDouble(BroadcastStep::framesPerSecond).max().orElse(0);
    }
}
