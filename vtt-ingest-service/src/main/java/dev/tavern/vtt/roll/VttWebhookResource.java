package dev.tavern.vtt.roll;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
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

/**
 * The VTT webhook API's connection test, as its document defines it: authenticated first
 * ({@link dev.tavern.vtt.connection.VttConnectionIdentityProvider}: 401), then counted against its key's limit (429);
 * every answer after authentication carries the X-RateLimit headers ({@link RateLimited}). The dice-roll route, the
 * hot path, is {@link DiceRollRoute}, with the same answers.
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
    private final IngestMetrics metrics;

    VttWebhookResource(CurrentConnection caller, IngestMetrics metrics) {
        this.caller = caller;
        this.metrics = metrics;
    }

    public record TestResponse(boolean success, String message, ConnectionView.Summary connection) {
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
