package dev.tavern.scheduler.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.tavern.scheduler.roster.Roster;
import dev.tavern.scheduler.vote.Answer;

/** What the APIs answer about events; nothing here is private beyond names and answers. */
public final class EventViews {

    private EventViews() {
    }

    public record Tally(int yes, int maybe, int no) {
    }

    public record SlotView(long id, Instant start, Instant end, Tally tally) {
    }

    public record ParticipantView(long id, String name,
                                  @Schema(description = "Answer per slot id") Map<Long, Answer> answers) {
    }

    public record FinalizedView(long slotId, Instant start, Instant end, String location,
                                List<String> attendees, List<String> waitlist) {
    }

    public record EventView(
            String slug,
            String title,
            String description,
            int minPlayers,
            Integer maxPlayers,
            @Schema(description = "IANA timezone the event is displayed in") String timezone,
            EventStatus status,
            @Schema(description = "The public voting page") String link,
            List<SlotView> slots,
            List<ParticipantView> participants,
            @Schema(description = "Set once the host finalized the event") FinalizedView finalized) {

        public boolean votingOpen() {
            return status == EventStatus.VOTING;
        }

        public boolean cancelled() {
            return status == EventStatus.CANCELLED;
        }
    }

    /** The host's view: the public one, plus who would play in each slot if finalized now. */
    public record HostEventView(EventView event, String fromUrl, String fromUrlId,
                                @Schema(description = "Attendees and waitlist per slot id, were it chosen") Map<Long, Roster> previews) {
    }
}
