package dev.tavern.scheduler.roster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.tavern.scheduler.vote.Answer;

/**
 * Who plays and who waits for one slot, by the scheduling rules: the earliest YES voters up
 * to maxPlayers (all of them without a max); if that is fewer than minPlayers, the earliest
 * MAYBE voters until minPlayers; everyone else who said YES or MAYBE waits, YES before MAYBE,
 * then by time. NO voters are neither.
 *
 * <p>Computed from the answers, which are frozen once the event is finalized: when someone
 * leaves, computing again promotes the head of the waitlist and never demotes anyone.
 */
public record Roster(List<String> attendees, List<String> waitlist) {

    /** One participant's answer for the slot; ties in time fall back to who joined first. */
    public record Ballot(long participantId, String name, Answer answer, Instant answeredAt) {
    }

    private static final Comparator<Ballot> IN_LINE = Comparator.comparing(Ballot::answeredAt)
            .thenComparingLong(Ballot::participantId);

    public static Roster of(List<Ballot> ballots, int minPlayers, Integer maxPlayers) {
        List<Ballot> yes = sorted(ballots, Answer.YES);
        List<Ballot> maybe = sorted(ballots, Answer.MAYBE);
        int seats = maxPlayers == null ? yes.size() : Math.min(maxPlayers, yes.size());

        List<Ballot> attending = new ArrayList<>(yes.subList(0, seats));
        List<Ballot> waiting = new ArrayList<>(yes.subList(seats, yes.size()));
        int maybesSeated = Math.max(0, Math.min(minPlayers - attending.size(), maybe.size()));
        attending.addAll(maybe.subList(0, maybesSeated));
        waiting.addAll(maybe.subList(maybesSeated, maybe.size()));
        return new Roster(names(attending), names(waiting));
    }

    private static List<Ballot> sorted(List<Ballot> ballots, Answer answer) {
        return ballots.stream().filter(b -> b.answer() == answer).sorted(IN_LINE).toList();
    }

    private static List<String> names(List<Ballot> ballots) {
        return ballots.stream().map(Ballot::name).toList();
    }
}
