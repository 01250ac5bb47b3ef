package dev.tavern.scheduler.tenant;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.tavern.http.security.Roles;
import io.smallrye.mutiny.Uni;

/** Operator API: needs {@code Authorization: Bearer <operator token>}. */
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

    @GET
    @Operation(summary = "List tenants and their hostnames")
    public Uni<List<TenantView>> list() {
        return tenants.list();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Create or replace a tenant", description = "Its hostnames route requests to it; a hostname belongs to one tenant.")
    public Uni<TenantView> put(@PathParam("id") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "Must be lower-case letters, digits and dashes") String id,
                               @Valid @NotNull TenantRequest request) {
        return tenants.put(id, request);
    }
}
