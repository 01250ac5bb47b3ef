package dev.tavern.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;

/** The attempt schedule, with the production defaults as application.properties sets them. */
class RetryScheduleTest {

    private static final Instant FIRST = Instant.parse("2026-12-01T20:00:00Z");

    @Test
    void theDefaultsGiveThirteenAttemptsEveryFiveMinutesTheLastAtTheHour() throws IOException {
        RetrySchedule production = new RetrySchedule(property("tavern.webhook.retry-interval"), property("tavern.webhook.retry-window"));

        List<Duration> attempts = attemptsOfAReceiverThatNeverAnswers(production);

        assertThat(production.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(production.window()).isEqualTo(Duration.ofHours(1));
        assertThat(attempts).hasSize(13).first().isEqualTo(Duration.ZERO);
        for (int i = 0; i < attempts.size(); i++) {
            assertThat(attempts.get(i)).isEqualTo(Duration.ofMinutes(5L * i));
        }
    }

    @Test
    void aLateAttemptShiftsNoneAfterItAndTheLastIsAtTheHour() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofMinutes(5), Duration.ofHours(1));

        assertThat(schedule.next(FIRST, FIRST.plus(Duration.ofMinutes(7)))).contains(FIRST.plus(Duration.ofMinutes(10)));
        assertThat(schedule.next(FIRST, FIRST.plus(Duration.ofMinutes(55)).plusSeconds(10))).contains(FIRST.plus(Duration.ofHours(1)));
        assertThat(schedule.next(FIRST, FIRST.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void scaledDownTheScheduleKeepsItsShape() {
        List<Duration> attempts = attemptsOfAReceiverThatNeverAnswers(new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(4)));

        assertThat(attempts).containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(4));
    }

    /** When each attempt starts, from the first, each starting when it is due. */
    private static List<Duration> attemptsOfAReceiverThatNeverAnswers(RetrySchedule schedule) {
        List<Duration> attempts = new ArrayList<>();
        Optional<Instant> next = Optional.of(FIRST);
        while (next.isPresent() && attempts.size() < 100) {
            attempts.add(Duration.between(FIRST, next.get()));
            next = schedule.next(FIRST, next.get());
        }
        return attempts;
    }

    private static Duration property(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = RetryScheduleTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return DurationConverter.parseDuration(properties.getProperty(name));
    }
}
