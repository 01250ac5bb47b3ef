package dev.tavern.scheduler.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tavern.scheduler.roster.Roster.Ballot;
import dev.tavern.scheduler.vote.Answer;

class RosterTest {

    private final List<Ballot> ballots = new ArrayList<>();
    private int clock;

    private RosterTest answer(String name, Answer answer) {
        clock++;
        ballots.add(new Ballot(clock, name, answer, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(clock)));
        return this;
    }

    @Test
    void withoutAMaximumEveryYesAttends() {
        answer("a", Answer.YES).answer("b", Answer.YES).answer("c", Answer.YES).answer("d", Answer.MAYBE);

        Roster roster = Roster.of(ballots, 2, null);

        assertThat(roster.attendees()).containsExactly("a", "b", "c");
        assertThat(roster.waitlist()).containsExactly("d");
    }

    @Test
    void yesBeyondTheMaximumWaitsInOrderBeforeAnyMaybe() {
        answer("m1", Answer.MAYBE).answer("a", Answer.YES).answer("b", Answer.YES).answer("c", Answer.YES).answer("d", Answer.YES);

        Roster roster = Roster.of(ballots, 2, 3);

        assertThat(roster.attendees()).containsExactly("a", "b", "c");
        assertThat(roster.waitlist()).containsExactly("d", "m1");
    }

    @Test
    void tooFewYesAreFilledWithTheEarliestMaybeUpToTheMinimum() {
        answer("m1", Answer.MAYBE).answer("a", Answer.YES).answer("m2", Answer.MAYBE).answer("m3", Answer.MAYBE);

        Roster roster = Roster.of(ballots, 3, 5);

        assertThat(roster.attendees()).containsExactly("a", "m1", "m2");
        assertThat(roster.waitlist()).containsExactly("m3");
    }

    @Test
    void notEnoughEvenWithMaybeSeatsEveryoneAvailable() {
        answer("a", Answer.YES).answer("m1", Answer.MAYBE);

        Roster roster = Roster.of(ballots, 5, 6);

        assertThat(roster.attendees()).containsExactly("a", "m1");
        assertThat(roster.waitlist()).isEmpty();
    }

    @Test
    void noVotersAreNeitherAttendingNorWaiting() {
        answer("n", Answer.NO).answer("a", Answer.YES).answer("n2", Answer.NO);

        Roster roster = Roster.of(ballots, 1, 1);

        assertThat(roster.attendees()).containsExactly("a");
        assertThat(roster.waitlist()).isEmpty();
    }

    @Test
    void whenAnAttendeeLeavesTheHeadOfTheWaitlistMovesUp() {
        answer("a", Answer.YES).answer("b", Answer.YES).answer("c", Answer.YES).answer("m1", Answer.MAYBE);
        Roster before = Roster.of(ballots, 1, 2);
        ballots.removeIf(b -> b.name().equals("a"));

        Roster after = Roster.of(ballots, 1, 2);

        assertThat(before.attendees()).containsExactly("a", "b");
        assertThat(before.waitlist()).containsExactly("c", "m1");
        assertThat(after.attendees()).containsExactly("b", "c");
        assertThat(after.waitlist()).containsExactly("m1");
    }

    @Test
    void whenAYesAttendeeLeavesBelowTheMinimumTheHeadMaybeIsSeated() {
        answer("a", Answer.YES).answer("m1", Answer.MAYBE).answer("m2", Answer.MAYBE).answer("m3", Answer.MAYBE);
        ballots.removeIf(b -> b.name().equals("a"));

        Roster after = Roster.of(ballots, 3, 3);

        assertThat(after.attendees()).containsExactly("m1", "m2", "m3");
        assertThat(after.waitlist()).isEmpty();
    }

    @Test
    void equalTimesFallBackToWhoJoinedFirst() {
        Instant same = Instant.parse("2026-01-01T00:00:00Z");
        ballots.add(new Ballot(2, "second", Answer.YES, same));
        ballots.add(new Ballot(1, "first", Answer.YES, same));

        assertThat(Roster.of(ballots, 1, 1).attendees()).containsExactly("first");
    }
}
