package dev.tavern.vtt.roll;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.http.errors.ApiException;
import dev.tavern.vtt.connection.ConnectionService;
import dev.tavern.vtt.connection.ConnectionView;
import dev.tavern.vtt.ratelimit.ApiKeyRateLimits;
import dev.tavern.vtt.ratelimit.ApiKeyRateLimits.Endpoint;
import dev.tavern.vtt.ratelimit.ApiKeyRateLimits.Window;
import io.smallrye.mutiny.Uni;

/**
 * The VTT webhook API, as its document defines it. Each request is authenticated first
 * (401), then counted against its key's limit (429), then read (400, 422) and recorded (404
 * for an unknown campaign); every answer after authentication carries the X-RateLimit headers.
 */
@Path("/webhooks/vtt")
@Tag(name = "VTT webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class VttWebhookResource {

    private final ConnectionService connections;
    private final DiceRollService rolls;
    private final ApiKeyRateLimits rateLimits;
    private final IngestMetrics metrics;
    private final ObjectMapper objectMapper;

    VttWebhookResource(ConnectionService connections, DiceRollService rolls, ApiKeyRateLimits rateLimits,
                       IngestMetrics metrics, ObjectMapper objectMapper) {
        this.connections = connections;
        this.rolls = rolls;
        this.rateLimits = rateLimits;
        this.metrics = metrics;
        this.objectMapper = objectMapper;
    }

    public record TestResponse(boolean success, String message, ConnectionView.Summary connection) {
    }

    public record DiceRollResponse(boolean success, String rollId, String message) {
    }

    @POST
    @Path("/test")
    @Operation(summary = "Test the VTT connection")
    public Uni<RestResponse<TestResponse>> test(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return connections.authenticate(authorization)
                .flatMap(connection -> rateLimits.count(connection.id, Endpoint.TEST)
                        .map(window -> withLimits(new TestResponse(true, "Connection test successful",
                                ConnectionView.Summary.of(connection)), window)))
                .invoke(ok -> metrics.accepted("test", null))
                .onFailure().invoke(failure -> metrics.refused("test", failure));
    }

    @POST
    @Path("/dice-roll")
    @Consumes(MediaType.WILDCARD)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DiceRollRequest.class)))
    @Operation(summary = "Record a dice roll", description = "A repeated rollId answers the first recording's id and is not published again.")
    public Uni<RestResponse<DiceRollResponse>> diceRoll(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        return connections.authenticate(authorization)
                .flatMap(connection -> rateLimits.count(connection.id, Endpoint.DICE_ROLL)
                        .flatMap(window -> Uni.createFrom().item(() -> DiceRollValidator.validate(objectMapper, body))
                                .flatMap(roll -> rolls.record(connection, roll))
                                .invoke(recorded -> metrics.accepted("dice-roll", recorded))
                                .map(recorded -> withLimits(new DiceRollResponse(true, recorded.id().toString(),
                                        "Dice roll recorded successfully"), window))
                                .onFailure(ApiException.class).transform(e -> ((ApiException) e).withHeaders(window.headers()))))
                .onFailure().invoke(failure -> metrics.refused("dice-roll", failure));
    }

    private static <T> RestResponse<T> withLimits(T body, Window window) {
        RestResponse.ResponseBuilder<T> response = RestResponse.ResponseBuilder.ok(body);
        window.headers().forEach(response::header);
        return response.build();
    }
}
