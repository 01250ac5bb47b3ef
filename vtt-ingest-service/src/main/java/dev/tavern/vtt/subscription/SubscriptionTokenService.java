package dev.tavern.vtt.subscription;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.http.errors.ApiException;
import dev.tavern.outbox.Outbox;
import dev.tavern.vtt.IngestConfig;
import dev.tavern.vtt.campaign.CampaignService;
import dev.tavern.vtt.streamer.Streamer;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Tokens that let a WebSocket client subscribe to exactly one channel of a tenant, signed with the ingest service's
 * private key (RS256, under a key id) so the gateway verifies them with the public key alone. Each issued token is
 * recorded by its id ({@code jti}); revoking one, or every unexpired one of a channel, announces each on
 * {@code tavern.vtt.subscription-revocations.v1} through the outbox, in the transaction that marks it revoked.
 */
@ApplicationScoped
public class SubscriptionTokenService {

    public static final String ISSUER = "tavern-vtt-ingest";
    public static final String AUDIENCE = "tavern-broadcast";
    public static final String TOPIC = "tavern.vtt.subscription-revocations.v1";
    static final String REVOKED_TYPE = "tavern.vtt.subscription-token.revoked";

    private final IngestConfig.Subscription config;
    private final Outbox outbox;

    SubscriptionTokenService(IngestConfig config, Outbox outbox) {
        this.config = config.subscription();
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<TokenView> issue(String tenantId, String channelName, Long ttlSeconds) {
        SubscriptionChannel channel = SubscriptionChannel.parse(channelName);
        // Seconds, like the token's iat and exp claims.
        Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        IssuedToken issued = new IssuedToken();
        issued.id = UUID.randomUUID();
        issued.tenantId = tenantId;
        issued.channel = channel.name();
        issued.issuedAt = issuedAt;
        issued.expiresAt = issuedAt.plus(channel.lifetime(ttlSeconds, config));
        return owned(tenantId, channel)
                .chain(ok -> issued.<IssuedToken>persist())
                .map(saved -> TokenView.of(saved, Jwt.issuer(ISSUER)
                        .audience(AUDIENCE)
                        .subject(saved.channel)
                        .claim("jti", saved.id.toString())
                        .claim("channel", saved.channel)
                        .claim("tenant", tenantId)
                        .issuedAt(saved.issuedAt)
                        .expiresAt(saved.expiresAt)
                        .jws().keyId(config.keyId())
                        .sign()));
    }

    @WithSession
    public Uni<List<TokenView>> list(String tenantId, String channelName) {
        SubscriptionChannel channel = SubscriptionChannel.parse(channelName);
        return IssuedToken.<IssuedToken>list("tenantId = ?1 and channel = ?2 order by issuedAt desc", tenantId, channel.name())
                .map(tokens -> tokens.stream().map(token -> TokenView.of(token, null)).toList());
    }

    /** Revokes one token; revoking it again answers it as it is and announces nothing. */
    @WithTransaction
    public Uni<TokenView> revoke(String tenantId, UUID id) {
        return IssuedToken.<IssuedToken>find("id = ?1 and tenantId = ?2", id, tenantId).firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("Subscription token not found", "No subscription token " + id))
                .chain(token -> token.revokedAt != null ? Uni.createFrom().item(token) : revoke(token, Instant.now()))
                .map(token -> TokenView.of(token, null));
    }

    /** Revokes every token of the channel that is not expired or revoked yet; answers how many that was. */
    @WithTransaction
    public Uni<Integer> revokeChannel(String tenantId, String channelName) {
        SubscriptionChannel channel = SubscriptionChannel.parse(channelName);
        Instant now = Instant.now();
        return IssuedToken.<IssuedToken>list("tenantId = ?1 and channel = ?2 and revokedAt is null and expiresAt > ?3",
                        tenantId, channel.name(), now)
                .chain(tokens -> Multi.createFrom().iterable(tokens).onItem().transformToUniAndConcatenate(token -> revoke(token, now))
                        .collect().asList())
                .map(List::size);
    }

    private Uni<IssuedToken> revoke(IssuedToken token, Instant now) {
        token.revokedAt = now;
        return outbox.enqueue(TOPIC, token.id.toString(), REVOKED_TYPE,
                        new TokenRevocation(token.id, token.tenantId, token.channel, now, token.expiresAt))
                .replaceWith(token);
    }

    private static Uni<Void> owned(String tenantId, SubscriptionChannel channel) {
        return channel.campaign()
                ? CampaignService.owned(tenantId, channel.id()).replaceWithVoid()
                : Streamer.<Streamer>find("id = ?1 and tenantId = ?2", channel.id(), tenantId).firstResult()
                        .onItem().ifNull().failWith(() -> ApiException.notFound("Streamer not found", "No streamer " + channel.id()))
                        .replaceWithVoid();
    }
}
