package dev.tavern.load.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import dev.tavern.load.LatencyRecorder.Interval;
import dev.tavern.load.RateTimeline;

/** Turns per-second measurements into chart lines. */
public final class ChartSeries {

    private ChartSeries() {
    }

    /** p50, p99 and p99.9 per second, each line's name prefixed (e.g. "Tavern" or "ceiling"). */
    public static Map<String, List<Charts.Point>> percentiles(String prefix, List<Interval> intervals) {
        Map<String, List<Charts.Point>> lines = new LinkedHashMap<>();
        lines.put(prefix + " p50", line(intervals, Interval::p50Ms));
        lines.put(prefix + " p99", line(intervals, Interval::p99Ms));
        lines.put(prefix + " p99.9", line(intervals, Interval::p999Ms));
        return lines;
    }

    /** The same seconds counted from the first one, to lay runs of different start times over each other. */
    public static List<Interval> fromZero(List<Interval> intervals) {
        double start = intervals.isEmpty() ? 0 : intervals.get(0).atSeconds();
        return intervals.stream().map(i -> new Interval(i.atSeconds() - start, i.lengthSeconds(), i.count(), i.errors(),
                i.p50Ms(), i.p99Ms(), i.p999Ms(), i.maxMs())).toList();
    }

    /** Completions per second. */
    public static List<Charts.Point> rate(List<Interval> intervals) {
        return intervals.stream().map(interval -> new Charts.Point(interval.atSeconds(), interval.ratePerSecond())).toList();
    }

    public static List<Charts.Point> rate(RateTimeline timeline) {
        return timeline.points().stream().map(point -> new Charts.Point(point.atSeconds(), point.ratePerSecond())).toList();
    }

    /** Seconds without completions have no percentiles: they are left out rather than drawn at 0. */
    private static List<Charts.Point> line(List<Interval> intervals, ToDoubleFunction<Interval> value) {
        return intervals.stream().filter(interval -> interval.count() > 0)
                .map(interval -> new Charts.Point(interval.atSeconds(), value.applyAsDouble(interval))).toList();
    }
}
