package dev.tavern.vtt.roll;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.tavern.http.errors.ApiException;
import dev.tavern.http.errors.ErrorMappers;
import dev.tavern.http.ratelimit.RateLimited;
import dev.tavern.http.security.Roles;
import dev.tavern.http.security.SecurityErrorMappers;
import dev.tavern.vtt.connection.ActiveConnection;
import dev.tavern.vtt.connection.ConnectionView;
import dev.tavern.vtt.connection.CurrentConnection;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;

/**
 * The VTT webhook API, as its document defines it. Each request is authenticated first
 * ({@link dev.tavern.vtt.connection.VttConnectionIdentityProvider}: 401), then counted against its key's limit (429), then
 * read (400, 422) and recorded (404 for an unknown campaign); every answer after authentication carries the
 * X-RateLimit headers ({@link RateLimited}). The dice-roll route counts in the statement that records the roll.
 */
@SecurityScheme(securitySchemeName = Roles.VTT_CONNECTION, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The VTT connection's API key (ta_...)")
@SecurityRequirement(name = Roles.VTT_CONNECTION)
@Path("/webhooks/vtt")
@RolesAllowed(Roles.VTT_CONNECTION)
@Tag(name = "VTT webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class VttWebhookResource {

    private final CurrentConnection caller;
    private final DiceRollService rolls;
    private final IngestMetrics metrics;

    VttWebhookResource(CurrentConnection caller, DiceRollService rolls, IngestMetrics metrics) {
        this.caller = caller;
        this.rolls = rolls;
        this.metrics = metrics;
    }

    public record TestResponse(boolean success, String message, ConnectionView.Summary connection) {
    }

    public record DiceRollResponse(boolean success, String rollId, String message) {
    }

    @POST
    @Path("/test")
    @RateLimited(value = "test", per = RateLimited.Per.CALLER)
    @Operation(summary = "Test the VTT connection")
    public TestResponse test() {
        ActiveConnection connection = caller.get();
        metrics.accepted("test", null);
        return new TestResponse(true, "Connection test successful", ConnectionView.Summary.of(connection));
    }

    @POST
    @Path("/dice-roll")
    @RateLimited(value = "dice-roll", per = RateLimited.Per.CALLER, countedByRoute = true)
    @Consumes(MediaType.WILDCARD)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DiceRollRequest.class)))
    @Operation(summary = "Record a dice roll", description = "A repeated rollId answers the first recording's id and is not published again.")
    public Uni<DiceRollResponse> diceRoll(String body) {
        return rolls.record(caller.get(), body)
                .invoke(recorded -> metrics.accepted("dice-roll", recorded))
                .map(recorded -> new DiceRollResponse(true, recorded.id().toString(), "Dice roll recorded successfully"))
                .onFailure(failure -> !(failure instanceof ApiException)).invoke(failure -> metrics.refused("dice-roll", failure));
    }

    /** A refusal, whether the limit (before the route runs) or the route gave it: counted, then the shared answer. */
    @ServerExceptionMapper
    Response refused(ApiException refusal, ResourceInfo route) {
        metrics.refused(endpointOf(route), refusal);
        return ErrorMappers.response(refusal);
    }

    /** A missing, unknown or revoked API key, or a credential of another kind: counted, then the document's 401. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class, ForbiddenException.class})
    Response invalidKey(ResourceInfo route) {
        metrics.unauthorized(endpointOf(route));
        return SecurityErrorMappers.refusal(route);
    }

    private static String endpointOf(ResourceInfo route) {
        return route.getResourceMethod().getAnnotation(Path.class).value().substring(1);
    }
}
