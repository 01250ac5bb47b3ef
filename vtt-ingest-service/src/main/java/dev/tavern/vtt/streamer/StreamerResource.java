package dev.tavern.vtt.streamer;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.tavern.http.security.Roles;
import dev.tavern.tenants.CurrentTenant;
import io.smallrye.mutiny.Uni;

/** Management API (tenant admin key): the tenant's streamers. */
@RolesAllowed(Roles.TENANT_ADMIN)
@SecurityRequirement(name = Roles.TENANT_ADMIN)
@Path("/api/streamers")
@Tag(name = "Streamers")
@Produces(MediaType.APPLICATION_JSON)
public class StreamerResource {

    public record NewStreamer(@NotBlank(message = "Display name is required") @Size(max = 100) String displayName) {
    }

    public record StreamerView(UUID id, String displayName) {
        static StreamerView of(Streamer s) {
            return new StreamerView(s.id(), s.displayName());
        }
    }

    private final StreamerService streamers;
    private final CurrentTenant tenant;

    StreamerResource(StreamerService streamers, CurrentTenant tenant) {
        this.streamers = streamers;
        this.tenant = tenant;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Add a streamer")
    public Uni<StreamerView> create(@Valid @NotNull NewStreamer request) {
        return streamers.create(tenant.id(), request.displayName()).map(StreamerView::of);
    }

    @GET
    @Operation(summary = "List the tenant's streamers")
    public Uni<List<StreamerView>> list() {
        return streamers.list(tenant.id()).map(list -> list.stream().map(StreamerView::of).toList());
    }
}
