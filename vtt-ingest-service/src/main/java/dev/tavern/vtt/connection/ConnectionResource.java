package dev.tavern.vtt.connection;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.tavern.http.security.Roles;
import dev.tavern.tenants.CurrentTenant;
import io.smallrye.mutiny.Uni;

/** Management API (tenant admin key): the tenant's VTT connections. */
@RolesAllowed(Roles.TENANT_ADMIN)
@SecurityScheme(securitySchemeName = Roles.TENANT_ADMIN, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The tenant's admin key (tadm_...)")
@SecurityRequirement(name = Roles.TENANT_ADMIN)
@Path("/api/vtt-connections")
@Tag(name = "VTT connections")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionResource {

    private final ConnectionService connections;
    private final CurrentTenant tenant;

    ConnectionResource(ConnectionService connections, CurrentTenant tenant) {
        this.connections = connections;
        this.tenant = tenant;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Create a VTT connection", description = "Answers its API key (ta_...) once; Tavern keeps only a hash.")
    public Uni<ConnectionView> create(@Valid @NotNull NewConnectionRequest request) {
        return connections.create(tenant.id(), request);
    }

    @GET
    @Operation(summary = "List the tenant's VTT connections")
    public Uni<List<ConnectionView>> list() {
        return connections.list(tenant.id());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One VTT connection, with when its module was last seen")
    public Uni<ConnectionView> get(@PathParam("id") UUID id) {
        return connections.get(tenant.id(), id);
    }

    @POST
    @Path("/{id}/rotate-key")
    @Operation(summary = "Replace the API key", description = "Answers the new key once; the old one stops working at once.")
    public Uni<ConnectionView> rotateKey(@PathParam("id") UUID id) {
        return connections.rotateKey(tenant.id(), id);
    }

    @POST
    @Path("/{id}/revoke")
    @Operation(summary = "Revoke the connection", description = "Its key is refused from now on.")
    public Uni<ConnectionView> revoke(@PathParam("id") UUID id) {
        return connections.revoke(tenant.id(), id);
    }
}
