package dev.tavern.vtt.tenant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import dev.tavern.vtt.tenant.TenantService.TenantKey;
import io.smallrye.mutiny.Uni;

/** Operator API (operator token): tenants and their admin keys. */
@RolesAllowed(Roles.OPERATOR)
@SecurityScheme(securitySchemeName = Roles.OPERATOR, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The operator token (TAVERN_OPERATOR_TOKEN)")
@SecurityRequirement(name = Roles.OPERATOR)
@Path("/api/operator/tenants")
@Tag(name = "Operator: tenants")
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

    public record NewTenant(
            @NotBlank(message = "Id is required") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "Must be lower-case letters, digits and dashes") String id,
            @NotBlank(message = "Name is required") @Size(max = 200) String name) {
    }

    private final TenantService tenants;

    TenantResource(TenantService tenants) {
        this.tenants = tenants;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Create a tenant", description = "Answers its admin key (tadm_...) once; Tavern keeps only a hash.")
    public Uni<TenantKey> create(@Valid @NotNull NewTenant request) {
        return tenants.create(request.id(), request.name());
    }

    @POST
    @Path("/{id}/admin-key")
    @Operation(summary = "Replace a tenant's admin key", description = "The old key stops working at once.")
    public Uni<TenantKey> rotateAdminKey(@PathParam("id") String id) {
        return tenants.rotateAdminKey(id);
    }
}
