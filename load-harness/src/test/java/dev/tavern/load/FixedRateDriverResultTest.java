package dev.tavern.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class FixedRateDriverResultTest {

    @Test
    void aRunThatKeptUpIsNotSaturated() {
        assertThat(result(1000, 10_000, 0, 0, 990, 5_000).saturation()).isEmpty();
    }

    @Test
    void unansweredRequestsErrorsASlowRateOrALongTailSaturate() {
        assertThat(result(1000, 10_000, 0, 3, 1000, 5_000).saturation()).contains("3 unanswered");
        assertThat(result(1000, 10_000, 20, 0, 1000, 5_000).saturation()).contains("0.2 % errors");
        assertThat(result(1000, 10_000, 0, 0, 900, 5_000).saturation()).contains("90 % of the target rate");
        assertThat(result(1000, 10_000, 0, 0, 1000, 2_000_000).saturation()).contains("p99 over 1000 ms");
    }

    private static FixedRateDriver.Result result(double target, long sent, long errors, long unfinished, double achieved,
                                                 long latencyMicros) {
        Histogram latencies = new Histogram(60_000_000, 3);
        latencies.recordValue(latencyMicros);
        return new FixedRateDriver.Result("run", target, Duration.ofSeconds(10), sent, sent - errors - unfinished, errors, 0,
                unfinished, achieved, latencies);
    }
}
