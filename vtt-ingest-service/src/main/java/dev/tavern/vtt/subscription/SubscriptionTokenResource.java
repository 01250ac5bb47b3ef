package dev.tavern.vtt.subscription;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.tavern.http.security.Roles;
import dev.tavern.tenants.CurrentTenant;
import io.smallrye.mutiny.Uni;

/** Management API (tenant admin key): subscription tokens for the tenant's channels, and their revocation. */
@RolesAllowed(Roles.TENANT_ADMIN)
@SecurityRequirement(name = Roles.TENANT_ADMIN)
@Path("/api/subscription-tokens")
@Tag(name = "Subscription tokens")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionTokenResource {

    public record TokenRequest(
            @Schema(example = "streamer/6f1c.../dice-rolls") @NotBlank(message = "Channel is required") String channel,
            @Schema(description = "Lifetime in seconds: by default 1 hour for a campaign channel (at most 24 hours), "
                    + "90 days for a streamer channel (at most 365 days)")
            @Min(60) Long ttlSeconds) {
    }

    public record ChannelRevocation(@Schema(example = "streamer/6f1c.../dice-rolls") @NotBlank(message = "Channel is required") String channel) {
    }

    public record ChannelRevoked(String channel, int revoked) {
    }

    private final SubscriptionTokenService tokens;
    private final CurrentTenant tenant;

    SubscriptionTokenResource(SubscriptionTokenService tokens, CurrentTenant tenant) {
        this.tokens = tokens;
        this.tenant = tenant;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Issue a subscription token for one channel",
            description = "campaign/{campaignId}/dice-rolls (game master view, hidden rolls included) or streamer/{streamerId}/dice-rolls (overlay). The token is shown once.")
    public Uni<TokenView> issue(@Valid @NotNull TokenRequest request) {
        return tokens.issue(tenant.id(), request.channel(), request.ttlSeconds());
    }

    @GET
    @Operation(summary = "The tokens issued for one channel, newest first")
    public Uni<List<TokenView>> list(@QueryParam("channel") @NotBlank(message = "Channel is required") String channel) {
        return tokens.list(tenant.id(), channel);
    }

    @POST
    @Path("/{id}/revoke")
    @Operation(summary = "Revoke one token", description = "Refused at the upgrade, and its open sockets closed, on every gateway replica within seconds.")
    public Uni<TokenView> revoke(@PathParam("id") UUID id) {
        return tokens.revoke(tenant.id(), id);
    }

    @POST
    @Path("/revoke-channel")
    @Operation(summary = "Revoke every token of a channel", description = "Every unexpired token of the channel, e.g. all overlay links of a streamer.")
    public Uni<ChannelRevoked> revokeChannel(@Valid @NotNull ChannelRevocation request) {
        return tokens.revokeChannel(tenant.id(), request.channel()).map(count -> new ChannelRevoked(request.channel(), count));
    }
}
