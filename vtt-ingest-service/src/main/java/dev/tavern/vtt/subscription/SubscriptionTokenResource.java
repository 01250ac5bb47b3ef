package dev.tavern.vtt.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.tavern.http.errors.ApiException;
import dev.tavern.vtt.campaign.CampaignService;
import dev.tavern.vtt.streamer.Streamer;
import dev.tavern.vtt.tenant.CurrentTenant;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;

/**
 * Management API (tenant admin key): tokens that let a WebSocket client subscribe to exactly
 * one channel of this tenant. Signed with the ingest service's private key (RS256), so the
 * broadcast gateway verifies them with the public key alone, without calling back.
 */
@Path("/api/subscription-tokens")
@Tag(name = "Subscription tokens")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionTokenResource {

    public static final String ISSUER = "tavern-vtt-ingest";
    public static final String AUDIENCE = "tavern-broadcast";
    private static final Pattern CHANNEL = Pattern.compile("(campaign|streamer)/([0-9a-f-]{36})/dice-rolls");

    public record TokenRequest(
            @Schema(example = "streamer/6f1c.../dice-rolls") @NotBlank(message = "Channel is required") String channel,
            @Schema(description = "Lifetime in seconds", defaultValue = "86400")
            @Min(60) @Max(31_536_000) Long ttlSeconds) {
    }

    public record SubscriptionToken(String channel, String token, Instant expiresAt) {
    }

    private final CurrentTenant tenant;

    SubscriptionTokenResource(CurrentTenant tenant) {
        this.tenant = tenant;
    }

    @POST
    @ResponseStatus(201)
    @WithSession
    @Operation(summary = "Issue a subscription token for one channel",
            description = "campaign/{campaignId}/dice-rolls (game master view, hidden rolls included) or streamer/{streamerId}/dice-rolls (overlay).")
    public Uni<SubscriptionToken> issue(@Valid @NotNull TokenRequest request) {
        Matcher channel = CHANNEL.matcher(request.channel());
        if (!channel.matches()) {
            throw ApiException.invalid("channel", "Must be campaign/{id}/dice-rolls or streamer/{id}/dice-rolls");
        }
        UUID id;
        try {
            id = UUID.fromString(channel.group(2));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("channel", "Has no valid id");
        }
        Uni<Void> owned = channel.group(1).equals("campaign")
                ? CampaignService.owned(tenant.id(), id).replaceWithVoid()
                : Streamer.<Streamer>find("id = ?1 and tenantId = ?2", id, tenant.id()).firstResult()
                        .onItem().ifNull().failWith(() -> ApiException.notFound("Streamer not found", "No streamer " + id))
                        .replaceWithVoid();
        Instant expiresAt = Instant.now().plus(Duration.ofSeconds(request.ttlSeconds() == null ? 86_400 : request.ttlSeconds()));
        return owned.map(ok -> new SubscriptionToken(request.channel(), Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(request.channel())
                .claim("channel", request.channel())
                .claim("tenant", tenant.id())
                .expiresAt(expiresAt)
                .sign(), expiresAt));
    }
}
