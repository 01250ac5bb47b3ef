package dev.tavern.load.report;

import java.util.List;

import dev.tavern.load.FixedRateDriver;

/** One row per open-loop run: what was asked, what was done, and the latency percentiles from intended starts. */
public final class LatencyTable {

    private LatencyTable() {
    }

    public static String render(List<FixedRateDriver.Result> runs) {
        MarkdownTable table = new MarkdownTable("run", "target /s", "achieved /s", "sent", "ok", "errors", "late starts",
                "unfinished", "p50 ms", "p99 ms", "p99.9 ms", "max ms");
        for (FixedRateDriver.Result run : runs) {
            table.row(run.label(), Format.rate(run.targetRate()), Format.rate(run.achievedRate()), Format.count(run.sent()),
                    Format.count(run.ok()), Format.count(run.errors()), Format.count(run.lateStarts()),
                    Format.count(run.unfinished()), Format.ms(run.percentileMs(50)), Format.ms(run.percentileMs(99)),
                    Format.ms(run.percentileMs(99.9)), Format.ms(run.maxMs()));
        }
        return table.render();
    }
}
