package dev.tavern.scheduler.event;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.tavern.scheduler.event.EventViews.EventView;
import dev.tavern.scheduler.event.EventViews.FinalizedView;
import dev.tavern.scheduler.event.EventViews.ParticipantView;
import dev.tavern.scheduler.event.EventViews.SlotView;
import dev.tavern.scheduler.event.EventViews.Tally;
import dev.tavern.scheduler.roster.Roster;
import dev.tavern.scheduler.tenant.TenantContext;
import dev.tavern.scheduler.vote.Answer;
import dev.tavern.scheduler.vote.Participant;
import dev.tavern.scheduler.vote.Vote;

/** An event with its slots, participants and votes, as loaded in one transaction. */
public record EventState(Event event, List<TimeSlot> slots, List<Participant> participants, List<Vote> votes) {

    public Optional<TimeSlot> slot(long slotId) {
        return slots.stream().filter(s -> s.id == slotId).findFirst();
    }

    public Optional<TimeSlot> finalizedSlot() {
        return event.finalizedSlotId == null ? Optional.empty() : slot(event.finalizedSlotId);
    }

    public Roster roster(long slotId) {
        Map<Long, Participant> byId = participants.stream().collect(Collectors.toMap(p -> p.id, p -> p));
        List<Roster.Ballot> ballots = votes.stream()
                .filter(v -> v.slotId == slotId && byId.containsKey(v.participantId))
                .map(v -> new Roster.Ballot(v.participantId, byId.get(v.participantId).name, v.answer, v.answeredAt))
                .toList();
        return Roster.of(ballots, event.minPlayers, event.maxPlayers);
    }

    /** The roster of the finalized slot, empty before finalization. */
    public Optional<Roster> finalRoster() {
        return finalizedSlot().map(slot -> roster(slot.id));
    }

    public EventView view(TenantContext tenant) {
        List<SlotView> slotViews = sortedSlots().stream()
                .map(slot -> new SlotView(slot.id, slot.startTime, slot.endTime, tally(slot.id)))
                .toList();
        List<ParticipantView> participantViews = participants.stream()
                .sorted(Comparator.comparing((Participant p) -> p.createdAt).thenComparing(p -> p.id))
                .map(p -> new ParticipantView(p.id, p.name, answersOf(p.id)))
                .toList();
        FinalizedView finalized = finalizedSlot().map(slot -> {
            Roster roster = roster(slot.id);
            return new FinalizedView(slot.id, slot.startTime, slot.endTime, event.location, roster.attendees(), roster.waitlist());
        }).orElse(null);
        return new EventView(event.slug, event.title, event.description, event.minPlayers, event.maxPlayers,
                event.timezone, event.status, tenant.link("/e/" + event.slug), slotViews, participantViews, finalized);
    }

    public Map<Long, Roster> previews() {
        Map<Long, Roster> previews = new LinkedHashMap<>();
        sortedSlots().forEach(slot -> previews.put(slot.id, roster(slot.id)));
        return previews;
    }

    private List<TimeSlot> sortedSlots() {
        return slots.stream().sorted(Comparator.comparing((TimeSlot s) -> s.startTime).thenComparing(s -> s.id)).toList();
    }

    private Tally tally(long slotId) {
        Map<Answer, Long> counts = votes.stream().filter(v -> v.slotId == slotId)
                .collect(Collectors.groupingBy(v -> v.answer, Collectors.counting()));
        return new Tally(counts.getOrDefault(Answer.YES, 0L).intValue(), counts.getOrDefault(Answer.MAYBE, 0L).intValue(),
                counts.getOrDefault(Answer.NO, 0L).intValue());
    }

    private Map<Long, Answer> answersOf(long participantId) {
        Map<Long, Answer> answers = new LinkedHashMap<>();
        votes.stream().filter(v -> v.participantId == participantId).forEach(v -> answers.put(v.slotId, v.answer));
        return answers;
    }
}
