package dev.tavern.vtt.roll;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.tavern.vtt.connection.ConnectionService;
import dev.tavern.vtt.connection.ConnectionView;
import io.smallrye.mutiny.Uni;

/** The VTT webhook API: what VTT modules call with their connection's API key. */
@Path("/webhooks/vtt")
@Tag(name = "VTT webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class VttWebhookResource {

    private final ConnectionService connections;
    private final DiceRollService rolls;

    VttWebhookResource(ConnectionService connections, DiceRollService rolls) {
        this.connections = connections;
        this.rolls = rolls;
    }

    public record TestResponse(boolean success, String message, ConnectionView connection) {
    }

    public record DiceRollResponse(boolean success, String rollId, String message) {
    }

    @POST
    @Path("/test")
    @Operation(summary = "Test the VTT connection")
    public Uni<TestResponse> test(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return connections.authenticate(authorization)
                .map(connection -> new TestResponse(true, "Connection test successful", ConnectionView.of(connection)));
    }

    @POST
    @Path("/dice-roll")
    @Operation(summary = "Record a dice roll", description = "A repeated rollId answers the first recording's id and is not published again.")
    public Uni<DiceRollResponse> diceRoll(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                          @Valid @NotNull DiceRollRequest roll) {
        return connections.authenticate(authorization)
                .flatMap(connection -> rolls.record(connection, roll))
                .map(recorded -> new DiceRollResponse(true, recorded.id().toString(), "Dice roll recorded successfully"));
    }
}
