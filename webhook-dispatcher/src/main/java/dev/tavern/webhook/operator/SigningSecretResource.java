package dev.tavern.webhook.operator;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.tavern.http.security.Roles;
import dev.tavern.webhook.signing.SigningSecrets.Rotation;
import dev.tavern.webhook.signing.SigningSecrets;
import io.smallrye.mutiny.Uni;

/** Operator API (operator token): a tenant's Standard Webhooks signing secret. */
@RolesAllowed(Roles.OPERATOR)
@SecurityRequirement(name = Roles.OPERATOR)
@Path("/api/operator/webhooks/tenants/{tenantId}/signing-secret")
@Tag(name = "Operator: signing secrets")
@Produces(MediaType.APPLICATION_JSON)
public class SigningSecretResource {

    private final SigningSecrets secrets;

    SigningSecretResource(SigningSecrets secrets) {
        this.secrets = secrets;
    }

    @POST
    @Operation(summary = "Issue a new signing secret (whsec_...)",
            description = "Shown only in this answer. The previous secret keeps signing beside it until previousValidUntil.")
    public Uni<Rotation> rotate(@PathParam("tenantId") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") String tenantId) {
        return secrets.rotate(tenantId);
    }
}
