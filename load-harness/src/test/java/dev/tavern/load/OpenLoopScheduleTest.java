package dev.tavern.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

    @Test
    void spacesRequestsEvenlyAtTheRate() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(1000, Duration.ofSeconds(2));

        assertThat(schedule.total()).isEqualTo(2000);
        assertThat(schedule.intendedOffsetNanos(0)).isZero();
        assertThat(schedule.intendedOffsetNanos(1)).isEqualTo(1_000_000);
        assertThat(schedule.intendedOffsetNanos(1999)).isEqualTo(1_999_000_000);
    }

    @Test
    void aRequestIsDueFromItsIntendedStartOn() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(1000, Duration.ofSeconds(1));

        assertThat(schedule.dueBy(-1)).isZero();
        assertThat(schedule.dueBy(0)).isEqualTo(1);
        assertThat(schedule.dueBy(999_999)).isEqualTo(1);
        assertThat(schedule.dueBy(1_000_000)).isEqualTo(2);
        assertThat(schedule.dueBy(Duration.ofMinutes(1).toNanos())).isEqualTo(1000);
    }

    @Test
    void fractionalRatesAndPeriodsAgreeWithTheirIntendedTimes() {
        for (double rate : new double[] {3, 12.5, 333, 3000, 7000}) {
            OpenLoopSchedule schedule = new OpenLoopSchedule(rate, Duration.ofSeconds(3));
            for (long index = 0; index < schedule.total(); index++) {
                long intended = schedule.intendedOffsetNanos(index);
                assertThat(schedule.dueBy(intended)).as("rate %s, request %d", rate, index).isEqualTo(index + 1);
                assertThat(schedule.dueBy(intended - 1)).as("rate %s, request %d", rate, index).isEqualTo(index);
            }
        }
    }

    @Test
    void totalCoversTheDurationAtTheRate() {
        assertThat(new OpenLoopSchedule(12.5, Duration.ofSeconds(8)).total()).isEqualTo(100);
        assertThat(new OpenLoopSchedule(3, Duration.ofMillis(1500)).total()).isEqualTo(5);
    }

    @Test
    void aRunOfACountLastsAsLongAsTheRateNeeds() {
        OpenLoopSchedule schedule = OpenLoopSchedule.ofCount(200, 500);

        assertThat(schedule.total()).isEqualTo(500);
        assertThat(schedule.duration()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void refusesARunThatSendsNothing() {
        assertThatThrownBy(() -> new OpenLoopSchedule(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpenLoopSchedule(10, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
