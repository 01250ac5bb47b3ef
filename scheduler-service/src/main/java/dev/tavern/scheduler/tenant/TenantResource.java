package dev.tavern.scheduler.tenant;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.tavern.http.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * Operator API: needs {@code Authorization: Bearer <operator token>}. This service owns tenants; every change is
 * published on {@code tavern.tenants.v1}, from which the other services learn them.
 */
@RolesAllowed(Roles.OPERATOR)
@SecurityScheme(securitySchemeName = Roles.OPERATOR, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The operator token (TAVERN_OPERATOR_TOKEN)")
@SecurityRequirement(name = Roles.OPERATOR)
@Path("/api/operator/tenants")
@Tag(name = "Operator: tenants")
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

    private final TenantService tenants;

    TenantResource(TenantService tenants) {
        this.tenants = tenants;
    }

    @POST
    @Operation(summary = "Onboard a community", description = "Answers its admin key (adminKey) once; only its hash is kept. "
            + "Its hostnames route requests to it; a hostname belongs to one tenant. 409 if the id was ever used, or a hostname is another tenant's.")
    @APIResponse(responseCode = "201", description = "Created: the tenant, with its admin key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantView.class)))
    public Uni<RestResponse<TenantView>> create(@Valid @NotNull TenantRequest request) {
        return tenants.create(request).map(created -> RestResponse.ResponseBuilder
                .<TenantView>created(URI.create("/api/operator/tenants/" + created.id())).entity(created).build());
    }

    @GET
    @Operation(summary = "List tenants, whatever their status, and their hostnames")
    public Uni<List<TenantView>> list() {
        return tenants.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a tenant")
    public Uni<TenantView> get(@PathParam("id") String id) {
        return tenants.get(id);
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Update a tenant", description = "Replaces its name, public base URL and hostnames. 409 once it is deleted.")
    public Uni<TenantView> update(@PathParam("id") String id, @Valid @NotNull TenantRequest request) {
        return tenants.update(id, request);
    }

    @POST
    @Path("/{id}/suspend")
    @Operation(summary = "Suspend a tenant", description = "Its hostnames answer 403 (\"Community suspended\"), and its admin key is refused, until it is resumed.")
    public Uni<TenantView> suspend(@PathParam("id") String id) {
        return tenants.suspend(id);
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a suspended tenant")
    public Uni<TenantView> resume(@PathParam("id") String id) {
        return tenants.resume(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a tenant", description = "For good: its hostnames are released and its admin key stops working; "
            + "its id is never reused, and its data stays filed under it, unreachable.")
    public Uni<Void> delete(@PathParam("id") String id) {
        return tenants.delete(id);
    }

    @POST
    @Path("/{id}/admin-key")
    @Operation(summary = "Issue a new admin key", description = "Answers it (adminKey) once; the previous key stops working.")
    public Uni<TenantView> issueAdminKey(@PathParam("id") String id) {
        return tenants.issueAdminKey(id);
    }
}
