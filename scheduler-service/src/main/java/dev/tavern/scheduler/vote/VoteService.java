package dev.tavern.scheduler.vote;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.tavern.http.errors.ApiException;
import dev.tavern.http.security.Roles;
import dev.tavern.http.security.Secrets;
import dev.tavern.scheduler.event.EventLimits;
import dev.tavern.scheduler.event.EventService;
import dev.tavern.scheduler.event.EventState;
import dev.tavern.scheduler.event.EventStatus;
import dev.tavern.scheduler.event.EventStore;
import dev.tavern.scheduler.security.EventCaller;
import dev.tavern.scheduler.tenant.RequestTenant;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Participants answering an event's slots, and leaving it. */
@ApplicationScoped
public class VoteService {

    private final EventStore store;
    private final RequestTenant requestTenant;
    private final EventCaller caller;
    private final EventService events;

    VoteService(EventStore store, RequestTenant requestTenant, EventCaller caller, EventService events) {
        this.store = store;
        this.requestTenant = requestTenant;
        this.caller = caller;
        this.events = events;
    }

    /**
     * Saves a participant's answers. A first vote creates the participant and answers their
     * token once; later votes need it. An unchanged answer keeps its time, so re-saving never
     * loses a place in line.
     */
    @WithTransaction
    public Uni<VoteResult> vote(String slug, VoteRequest request) {
        return caller.participantToken().flatMap(participantToken -> requestTenant.get()
                .flatMap(tenant -> store.loadForUpdate(tenant, slug))
                .flatMap(state -> saveVote(state, participantToken, request)));
    }

    private Uni<VoteResult> saveVote(EventState state, Optional<String> participantToken, VoteRequest request) {
        requireVotingOpen(state);
        request.answers().keySet().forEach(slotId -> state.slot(slotId)
                .orElseThrow(() -> ApiException.conflict("Slot " + slotId + " is not a slot of this event")));
        String name = request.name().strip();
        Optional<Participant> existing = participantToken.map(token -> byToken(state, token));
        requireNameFree(state, name, existing.orElse(null));
        String newToken = existing.isPresent() ? null : Secrets.random(32);
        Uni<Participant> participant = existing.map(p -> {
            p.name = name;
            return Uni.createFrom().item(p);
        }).orElseGet(() -> join(state, name, newToken));
        return participant.flatMap(p -> saveAnswers(p, request.answers())
                .replaceWith(new VoteResult(p.id, p.name, request.answers(), newToken)));
    }

    /** 401 without a participant token, 403 with one that is no participant's of this event. */
    @WithTransaction
    public Uni<Void> withdraw(String slug) {
        return caller.participantToken().flatMap(participantToken -> {
            String token = participantToken.orElseThrow(() -> new ApiException(401, Roles.refusal(Roles.PARTICIPANT)));
            return requestTenant.get().flatMap(tenant -> store.loadForUpdate(tenant, slug)
                    .flatMap(state -> events.leave(state, byToken(state, token), tenant)));
        });
    }

    private static void requireVotingOpen(EventState state) {
        if (state.event().status != EventStatus.VOTING) {
            throw ApiException.conflict(state.event().status == EventStatus.CANCELLED
                    ? "The event is cancelled" : "Voting is closed: the event is finalized");
        }
    }

    private static Participant byToken(EventState state, String token) {
        return state.participants().stream().filter(p -> Secrets.matches(token, p.tokenHash)).findFirst()
                .orElseThrow(() -> ApiException.forbidden("Unknown participant token"));
    }

    private static void requireNameFree(EventState state, String name, Participant self) {
        String wanted = name.toLowerCase(Locale.ROOT);
        boolean taken = state.participants().stream()
                .anyMatch(p -> p != self && p.name.toLowerCase(Locale.ROOT).equals(wanted));
        if (taken) {
            throw ApiException.conflict("The name " + name + " is already taken in this event; "
                    + "change your own answers with your participant token");
        }
    }

    private static Uni<Participant> join(EventState state, String name, String token) {
        if (state.participants().size() >= EventLimits.MAX_PARTICIPANTS) {
            throw ApiException.conflict("The event is full: at most " + EventLimits.MAX_PARTICIPANTS + " participants");
        }
        Participant participant = new Participant();
        participant.eventId = state.event().id;
        participant.name = name;
        participant.tokenHash = Secrets.hash(token);
        participant.createdAt = Instant.now();
        return participant.persist();
    }

    /** Replaces the answers; an answer that did not change keeps its original time. */
    private static Uni<Void> saveAnswers(Participant participant, Map<Long, Answer> answers) {
        Instant now = Instant.now();
        return Panache.getSession().flatMap(session -> deleteOmitted(session, participant, answers)
                .flatMap(deleted -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Map.Entry<Long, Answer> answer : answers.entrySet()) {
                        chain = chain.flatMap(previous -> session.createNativeQuery("""
                                        INSERT INTO {h-schema}vote (participant_id, slot_id, answer, answered_at)
                                        VALUES (:participantId, :slotId, :answer, :now)
                                        ON CONFLICT (participant_id, slot_id) DO UPDATE
                                        SET answer = EXCLUDED.answer,
                                            answered_at = CASE WHEN vote.answer = EXCLUDED.answer
                                                               THEN vote.answered_at ELSE EXCLUDED.answered_at END""")
                                .setParameter("participantId", participant.id)
                                .setParameter("slotId", answer.getKey())
                                .setParameter("answer", answer.getValue().name())
                                .setParameter("now", now)
                                .executeUpdate());
                    }
                    return chain.replaceWithVoid();
                }));
    }

    private static Uni<Integer> deleteOmitted(Mutiny.Session session, Participant participant, Map<Long, Answer> answers) {
        if (answers.isEmpty()) {
            return session.createNativeQuery("DELETE FROM {h-schema}vote WHERE participant_id = :participantId")
                    .setParameter("participantId", participant.id).executeUpdate();
        }
        return session.createNativeQuery("DELETE FROM {h-schema}vote WHERE participant_id = :participantId AND slot_id NOT IN (:slotIds)")
                .setParameter("participantId", participant.id)
                .setParameter("slotIds", answers.keySet())
                .executeUpdate();
    }
}
