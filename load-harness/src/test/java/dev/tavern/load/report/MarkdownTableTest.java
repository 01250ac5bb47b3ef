package dev.tavern.load.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import dev.tavern.load.FixedRateDriver;

class MarkdownTableTest {

    @Test
    void rendersHeaderAlignmentAndRows() {
        String table = new MarkdownTable("service", "RSS MB", "note")
                .row("vtt-ingest-service", "212", "a | b")
                .row("broadcast-gateway", "1,204", "–")
                .render();

        assertThat(table).isEqualTo("""
                | service | RSS MB | note |
                |---|---:|---|
                | vtt-ingest-service | 212 | a \\| b |
                | broadcast-gateway | 1,204 | – |
                """);
    }

    @Test
    void refusesARowOfTheWrongWidth() {
        assertThatThrownBy(() -> new MarkdownTable("a", "b").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLatencyTableShowsPercentilesFromTheIntendedStartsInMilliseconds() {
        Histogram latencies = new Histogram(60_000_000, 3);
        for (int micros = 1; micros <= 1000; micros++) {
            latencies.recordValue(micros * 100L);
        }
        FixedRateDriver.Result run = new FixedRateDriver.Result("dice rolls @2,000/s", 2000, Duration.ofSeconds(8), 16000,
                15990, 10, 3, 0, 1998.7, latencies);

        String table = LatencyTable.render(List.of(run));

        assertThat(table.lines()).hasSize(3);
        assertThat(table.lines().toList().get(2)).isEqualTo(
                "| dice rolls @2,000/s | 2,000 | 1,999 | 16,000 | 15,990 | 10 | 3 | 0 | 50.0 | 99.0 | 99.9 | 100 |");
    }

    @Test
    void formatsLatenciesWithPrecisionWhereItMatters() {
        assertThat(Format.ms(0.4567)).isEqualTo("0.46");
        assertThat(Format.ms(25.04)).isEqualTo("25.0");
        assertThat(Format.ms(1234.5)).isEqualTo("1,235");
        assertThat(Format.rate(12.5)).isEqualTo("12.5");
        assertThat(Format.rate(150000)).isEqualTo("150,000");
    }
}
