package dev.tavern.scheduler.vote;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.tavern.http.ratelimit.RateLimited;
import dev.tavern.http.security.Roles;
import dev.tavern.scheduler.security.EventTokenMechanism;
import io.smallrye.mutiny.Uni;

/** A participant's own answers: a first vote is anonymous and answers the participant token; later ones need it. */
@Path("/api/events/{slug}/votes")
@SecurityScheme(securitySchemeName = Roles.PARTICIPANT, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = EventTokenMechanism.PARTICIPANT_TOKEN_HEADER, description = "The participant token a first vote answered once")
@Tag(name = "Votes")
@Produces(MediaType.APPLICATION_JSON)
public class VoteResource {

    private final VoteService votes;

    VoteResource(VoteService votes) {
        this.votes = votes;
    }

    @PUT
    @PermitAll
    @Parameter(name = EventTokenMechanism.PARTICIPANT_TOKEN_HEADER, in = ParameterIn.HEADER,
            description = "From the first vote's answer: required to change a vote, absent on a first one")
    @Operation(summary = "Vote or re-vote", description = "YES, MAYBE or NO per slot. An unchanged answer keeps its place in line.")
    @RateLimited(value = "votes", per = RateLimited.Per.CLIENT_ADDRESS)
    public Uni<VoteResult> vote(@PathParam("slug") String slug, @Valid @NotNull VoteRequest request) {
        return votes.vote(slug, request);
    }

    @DELETE
    @RolesAllowed(Roles.PARTICIPANT)
    @SecurityRequirement(name = Roles.PARTICIPANT)
    @ResponseStatus(204)
    @Operation(summary = "Withdraw", description = "Removes the participant and their answers; after finalization the waitlist moves up.")
    public Uni<Void> withdraw(@PathParam("slug") String slug) {
        return votes.withdraw(slug);
    }
}
