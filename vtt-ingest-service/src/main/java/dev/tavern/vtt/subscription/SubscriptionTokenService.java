package dev.tavern.vtt.subscription;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.tavern.http.errors.ApiException;
import dev.tavern.outbox.Outbox;
import dev.tavern.vtt.IngestConfig;
import dev.tavern.vtt.Rows;
import dev.tavern.vtt.campaign.CampaignService;
import dev.tavern.vtt.streamer.StreamerService;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

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
    private final Pool pool;
    private final Outbox outbox;
    private final CampaignService campaigns;
    private final StreamerService streamers;
    private final String insertSql;
    private final String listSql;
    private final String ownedSql;
    private final String revokeSql;
    private final String revokeChannelSql;

    SubscriptionTokenService(IngestConfig config, Pool pool, Outbox outbox, CampaignService campaigns, StreamerService streamers,
                             @ConfigProperty(name = "quarkus.flyway.default-schema") String schema) {
        this.config = config.subscription();
        this.pool = pool;
        this.outbox = outbox;
        this.campaigns = campaigns;
        this.streamers = streamers;
        String table = schema + ".subscription_token";
        this.insertSql = "INSERT INTO " + table + " (" + IssuedToken.COLUMNS + ") VALUES ($1, $2, $3, $4, $5, NULL)";
        this.listSql = "SELECT " + IssuedToken.COLUMNS + " FROM " + table + " WHERE tenant_id = $1 AND channel = $2 ORDER BY issued_at DESC";
        this.ownedSql = "SELECT " + IssuedToken.COLUMNS + " FROM " + table + " WHERE id = $1 AND tenant_id = $2";
        this.revokeSql = "UPDATE " + table + " SET revoked_at = $3 WHERE id = $1 AND tenant_id = $2 AND revoked_at IS NULL RETURNING "
                + IssuedToken.COLUMNS;
        this.revokeChannelSql = "UPDATE " + table + " SET revoked_at = $3 WHERE tenant_id = $1 AND channel = $2 AND revoked_at IS NULL"
                + " AND expires_at > $3 RETURNING " + IssuedToken.COLUMNS;
    }

    public Uni<TokenView> issue(String tenantId, String channelName, Long ttlSeconds) {
        SubscriptionChannel channel = SubscriptionChannel.parse(channelName);
        // Seconds, like the token's iat and exp claims.
        Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        IssuedToken issued = new IssuedToken(UUID.randomUUID(), tenantId, channel.name(), issuedAt,
                issuedAt.plus(channel.lifetime(ttlSeconds, config)), null);
        return owned(tenantId, channel)
                .chain(() -> pool.preparedQuery(insertSql).execute(Tuple.of(issued.id(), tenantId, issued.channel(),
                        Rows.timestamp(issued.issuedAt()), Rows.timestamp(issued.expiresAt()))))
                .map(inserted -> TokenView.of(issued, Jwt.issuer(ISSUER)
                        .audience(AUDIENCE)
                        .subject(issued.channel())
                        .claim("jti", issued.id().toString())
                        .claim("channel", issued.channel())
                        .claim("tenant", tenantId)
                        .issuedAt(issued.issuedAt())
                        .expiresAt(issued.expiresAt())
                        .jws().keyId(config.keyId())
                        .sign()));
    }

    public Uni<List<TokenView>> list(String tenantId, String channelName) {
        SubscriptionChannel channel = SubscriptionChannel.parse(channelName);
        return pool.preparedQuery(listSql).execute(Tuple.of(tenantId, channel.name()))
                .map(rows -> rows.stream().map(row -> TokenView.of(IssuedToken.of(row), null)).toList());
    }

    /** Revokes one token; revoking it again answers it as it is and announces nothing. */
    public Uni<TokenView> revoke(String tenantId, UUID id) {
        return revokeAndAnnounce(revokeSql, Tuple.of(id, tenantId, Rows.timestamp(Rows.now())))
                .chain(revoked -> revoked.isEmpty() ? token(tenantId, id) : Uni.createFrom().item(revoked.get(0)))
                .map(token -> TokenView.of(token, null));
    }

    /** Revokes every token of the channel that is not expired or revoked yet; answers how many that was. */
    public Uni<Integer> revokeChannel(String tenantId, String channelName) {
        SubscriptionChannel channel = SubscriptionChannel.parse(channelName);
        return revokeAndAnnounce(revokeChannelSql, Tuple.of(tenantId, channel.name(), Rows.timestamp(Rows.now())))
                .map(List::size);
    }

    /** Runs a revoking statement and writes a revocation record for each token it revoked, in one transaction. */
    private Uni<List<IssuedToken>> revokeAndAnnounce(String sql, Tuple parameters) {
        return pool.withTransaction(transaction -> transaction.preparedQuery(sql).execute(parameters)
                        .chain(rows -> announce(transaction, rows)))
                .invoke(revoked -> {
                    if (!revoked.isEmpty()) {
                        outbox.committed();
                    }
                });
    }

    private Uni<List<IssuedToken>> announce(SqlClient transaction, RowSet<Row> rows) {
        List<IssuedToken> revoked = rows.stream().map(IssuedToken::of).toList();
        return outbox.insert(transaction, revoked.stream()
                        .map(token -> outbox.prepare(TOPIC, token.id().toString(), REVOKED_TYPE,
                                new TokenRevocation(token.id(), token.tenantId(), token.channel(), token.revokedAt(), token.expiresAt())))
                        .toList())
                .replaceWith(revoked);
    }

    private Uni<IssuedToken> token(String tenantId, UUID id) {
        return pool.preparedQuery(ownedSql).execute(Tuple.of(id, tenantId))
                .map(rows -> Rows.first(rows, IssuedToken::of))
                .onItem().ifNull().failWith(() -> ApiException.notFound("Subscription token not found", "No subscription token " + id));
    }

    private Uni<Void> owned(String tenantId, SubscriptionChannel channel) {
        return channel.campaign()
                ? campaigns.owned(tenantId, channel.id()).replaceWithVoid()
                : streamers.owned(tenantId, channel.id()).replaceWithVoid();
    }
}
