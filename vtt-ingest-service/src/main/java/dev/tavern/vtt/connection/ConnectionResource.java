package dev.tavern.vtt.connection;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.smallrye.mutiny.Uni;

@Path("/api/vtt-connections")
@Tag(name = "VTT connections")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionResource {

    private final ConnectionService connections;

    ConnectionResource(ConnectionService connections) {
        this.connections = connections;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Create a VTT connection", description = "Answers its API key (ta_...) once; Tavern keeps only a hash.")
    public Uni<ConnectionView> create(@Valid @NotNull NewConnectionRequest request) {
        return connections.create(request);
    }
}
