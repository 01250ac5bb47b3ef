package dev.tavern.webhook.signing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.tavern.http.security.Roles;
import dev.tavern.tenants.CurrentTenant;
import dev.tavern.webhook.signing.SigningSecrets.Rotation;
import io.smallrye.mutiny.Uni;

/**
 * A community's own way to its signing secret: its admin key (issued by scheduler-service with the tenant) is enough,
 * so onboarding needs no call from an operator here.
 */
@RolesAllowed(Roles.TENANT_ADMIN)
@SecurityScheme(securitySchemeName = Roles.TENANT_ADMIN, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The tenant's admin key (tadm_...)")
@SecurityRequirement(name = Roles.TENANT_ADMIN)
@Path("/api/webhooks/signing-secret")
@Tag(name = "Signing secret")
@Produces(MediaType.APPLICATION_JSON)
public class TenantSigningSecretResource {

    private final SigningSecrets secrets;
    private final CurrentTenant tenant;

    TenantSigningSecretResource(SigningSecrets secrets, CurrentTenant tenant) {
        this.secrets = secrets;
        this.tenant = tenant;
    }

    @POST
    @Operation(summary = "Issue a new signing secret (whsec_...) for the caller's community",
            description = "Shown only in this answer. The previous secret keeps signing beside it until previousValidUntil.")
    public Uni<Rotation> rotate() {
        return secrets.rotate(tenant.id());
    }
}
