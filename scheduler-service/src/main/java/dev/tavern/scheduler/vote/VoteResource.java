package dev.tavern.scheduler.vote;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.tavern.scheduler.ratelimit.ClientRateLimits;
import dev.tavern.scheduler.ratelimit.ClientRateLimits.Action;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** A participant's own answers; after the first vote they need {@code X-Participant-Token}. */
@Path("/api/events/{slug}/votes")
@Tag(name = "Votes")
@Produces(MediaType.APPLICATION_JSON)
public class VoteResource {

    static final String PARTICIPANT_TOKEN = "X-Participant-Token";

    private final VoteService votes;
    private final ClientRateLimits rateLimits;

    VoteResource(VoteService votes, ClientRateLimits rateLimits) {
        this.votes = votes;
        this.rateLimits = rateLimits;
    }

    @PUT
    @Operation(summary = "Vote or re-vote", description = "YES, MAYBE or NO per slot. An unchanged answer keeps its place in line.")
    public Uni<VoteResult> vote(@HeaderParam(HttpHeaders.HOST) String host, HttpServerRequest http,
                                @PathParam("slug") String slug, @HeaderParam(PARTICIPANT_TOKEN) String participantToken,
                                @Valid @NotNull VoteRequest request) {
        rateLimits.check(Action.VOTE, http);
        return votes.vote(host, slug, participantToken, request);
    }

    @DELETE
    @ResponseStatus(204)
    @Operation(summary = "Withdraw", description = "Removes the participant and their answers; after finalization the waitlist moves up.")
    public Uni<Void> withdraw(@HeaderParam(HttpHeaders.HOST) String host, @PathParam("slug") String slug,
                              @HeaderParam(PARTICIPANT_TOKEN) String participantToken) {
        return votes.withdraw(host, slug, participantToken);
    }
}
