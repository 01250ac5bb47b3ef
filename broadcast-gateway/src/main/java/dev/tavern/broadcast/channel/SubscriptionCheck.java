package dev.tavern.broadcast.channel;

import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import dev.tavern.broadcast.GatewayConfig;
import dev.tavern.broadcast.subscription.Revocations;
import dev.tavern.broadcast.subscription.RevocationsCatchUp;
import dev.tavern.broadcast.subscription.SubscriptionKeys;
import dev.tavern.broadcast.subscription.SubscriptionKeysCatchUp;
import dev.tavern.broadcast.subscription.TenantConnections;
import dev.tavern.http.security.Secrets;
import dev.tavern.tenants.TenantDirectory;
import dev.tavern.tenants.TenantsCatchUp;
import dev.tavern.tenants.TopicCatchUp;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Admits a WebSocket only with a subscription token for exactly the channel it opens, from
 * {@code ?token=} (OBS browser sources cannot set headers) or {@code Authorization: Bearer}.
 * The token is verified here with the key its {@code kid} names on {@code tavern.vtt.subscription-keys.v1}, or else in
 * the key set configured with {@code MP_JWT_VERIFY_PUBLICKEY}, if any (signature, issuer, audience, expiry), and must
 * carry an id ({@code jti}) that has not been revoked: 401 when missing, invalid, under a key in neither, or revoked,
 * 403 for another channel or a community that is not active ({@code tavern.tenants.v1}), 503 when this node or the
 * channel has all the connections it takes, or while this node has not read every key, revocation and tenant yet
 * (fail closed). Refused at the upgrade, so nothing is ever sent to a
 * client that should not have it; the token id stays with the connection, so a later revocation closes it.
 */
@ApplicationScoped
public class SubscriptionCheck implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(SubscriptionCheck.class);

    /** How long an upgrade waits for a starting node to read the keys, revocations and tenants, before it is answered 503. */
    private static final Duration TOPICS_WAIT = Duration.ofSeconds(10);
    private static final Map<String, List<String>> RETRY_SOON = Map.of("Retry-After", List.of("5"));

    private final JWTParser parser;
    private final SubscriptionKeys keys;
    private final ChannelRegistry registry;
    private final Revocations revocations;
    private final TenantDirectory tenants;
    /** The topics whose whole content an upgrade is checked against. */
    private final List<TopicCatchUp> topicsRead;
    private final GatewayConfig config;

    SubscriptionCheck(JWTParser parser, SubscriptionKeys keys, SubscriptionKeysCatchUp keysRead, ChannelRegistry registry,
                      Revocations revocations, RevocationsCatchUp revocationsRead, TenantDirectory tenants, TenantsCatchUp tenantsRead,
                      GatewayConfig config) {
        this.parser = parser;
        this.keys = keys;
        this.registry = registry;
        this.revocations = revocations;
        this.tenants = tenants;
        this.topicsRead = List.of(keysRead, revocationsRead, tenantsRead);
        this.config = config;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (topicsRead.stream().allMatch(TopicCatchUp::caughtUp)) {
            // The usual case, without a timer per upgrade: a thousand overlays reconnect at once after a deploy.
            return check(context);
        }
        return Uni.createFrom().completionStage(() -> CompletableFuture.allOf(topicsRead.stream()
                        .map(topic -> topic.whenCaughtUp().toCompletableFuture()).toArray(CompletableFuture[]::new)))
                .ifNoItem().after(TOPICS_WAIT).fail()
                .flatMap(read -> check(context))
                // Only the wait is "try again soon": anything else is a failure to see, not a full node.
                .onFailure(TimeoutException.class).recoverWithUni(() -> CheckResult.rejectUpgrade(503, RETRY_SOON));
    }

    private Uni<CheckResult> check(HttpUpgradeContext context) {
        String token = tokenOf(context);
        if (token == null) {
            return CheckResult.rejectUpgrade(401);
        }
        JsonWebToken jwt;
        try {
            jwt = verified(token);
        } catch (ParseException e) {
            LOG.debugf("Subscription token refused: %s", e.getMessage());
            return CheckResult.rejectUpgrade(401);
        }
        String tokenId = jwt.getTokenID();
        if (tokenId == null || revocations.isRevoked(tokenId)) {
            return CheckResult.rejectUpgrade(401);
        }
        String channel = context.pathParam("kind") + "/" + context.pathParam("id") + "/dice-rolls";
        String tenantId = jwt.getClaim("tenant");
        if (!channel.equals(jwt.getClaim("channel")) || tenantId == null || !tenants.serves(tenantId)) {
            return CheckResult.rejectUpgrade(403);
        }
        if (registry.connectionCount() >= config.maxConnections() || registry.connectionCount(channel) >= config.maxConnectionsPerChannel()) {
            // Full: the client retries later, or elsewhere behind the load balancer.
            return CheckResult.rejectUpgrade(503, RETRY_SOON);
        }
        context.userData().put(Revocations.TOKEN_ID, tokenId);
        context.userData().put(TenantConnections.TENANT_ID, tenantId);
        // Vert.x's public API does not expose a connection's socket; its HTTP connection (kept by the WebSocket) does.
        context.userData().put(Subscriber.SOCKET, ((ConnectionBase) context.httpRequest().connection()).channel());
        return CheckResult.permitUpgrade();
    }

    /**
     * Verified with the published key its {@code kid} names, or else with the configured key set (none unless
     * {@code MP_JWT_VERIFY_PUBLICKEY} names one); either way against {@code mp.jwt.verify.*}'s issuer and audience, and
     * its expiry: {@link JWTParser#verify} keeps the configured checks, only the key is the one given.
     */
    private JsonWebToken verified(String token) throws ParseException {
        Optional<PublicKey> published = keys.forToken(token);
        return published.isPresent() ? parser.verify(token, published.get()) : parser.parse(token);
    }

    private static String tokenOf(HttpUpgradeContext context) {
        String query = context.httpRequest().getParam("token");
        if (query != null && !query.isBlank()) {
            return query;
        }
        return Secrets.bearer(context.httpRequest().getHeader("Authorization"));
    }
}
