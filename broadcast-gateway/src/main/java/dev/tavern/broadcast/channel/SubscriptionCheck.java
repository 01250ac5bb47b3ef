package dev.tavern.broadcast.channel;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import dev.tavern.broadcast.GatewayConfig;
import dev.tavern.broadcast.subscription.Revocations;
import dev.tavern.broadcast.subscription.RevocationsCatchUp;
import dev.tavern.broadcast.subscription.TenantConnections;
import dev.tavern.http.security.Secrets;
import dev.tavern.tenants.TenantDirectory;
import dev.tavern.tenants.TenantsCatchUp;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Admits a WebSocket only with a subscription token for exactly the channel it opens, from
 * {@code ?token=} (OBS browser sources cannot set headers) or {@code Authorization: Bearer}.
 * The token is verified here with the key its {@code kid} names in the gateway's key set (signature, issuer,
 * audience, expiry), and must carry an id ({@code jti}) that has not been revoked: 401 when missing, invalid or
 * revoked, 403 for another channel or a community that is not active ({@code tavern.tenants.v1}), 503 when this node
 * or the channel has all the connections it takes, or while this node has not read every revocation and tenant yet
 * (fail closed). Refused at the upgrade, so nothing is ever sent to a
 * client that should not have it; the token id stays with the connection, so a later revocation closes it.
 */
@ApplicationScoped
public class SubscriptionCheck implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(SubscriptionCheck.class);

    /** How long an upgrade waits for a starting node to read the revocations and tenants, before it is answered 503. */
    private static final Duration TOPICS_WAIT = Duration.ofSeconds(10);
    private static final Map<String, List<String>> RETRY_SOON = Map.of("Retry-After", List.of("5"));

    private final JWTParser parser;
    private final ChannelRegistry registry;
    private final Revocations revocations;
    private final RevocationsCatchUp revocationsRead;
    private final TenantDirectory tenants;
    private final TenantsCatchUp tenantsRead;
    private final GatewayConfig config;

    SubscriptionCheck(JWTParser parser, ChannelRegistry registry, Revocations revocations, RevocationsCatchUp revocationsRead,
                      TenantDirectory tenants, TenantsCatchUp tenantsRead, GatewayConfig config) {
        this.parser = parser;
        this.registry = registry;
        this.revocations = revocations;
        this.revocationsRead = revocationsRead;
        this.tenants = tenants;
        this.tenantsRead = tenantsRead;
        this.config = config;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (revocationsRead.caughtUp() && tenantsRead.caughtUp()) {
            // The usual case, without a timer per upgrade: a thousand overlays reconnect at once after a deploy.
            return check(context);
        }
        return Uni.createFrom().completionStage(() -> revocationsRead.whenCaughtUp().thenCompose(read -> tenantsRead.whenCaughtUp()))
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
            jwt = parser.parse(token);
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

    private static String tokenOf(HttpUpgradeContext context) {
        String query = context.httpRequest().getParam("token");
        if (query != null && !query.isBlank()) {
            return query;
        }
        return Secrets.bearer(context.httpRequest().getHeader("Authorization"));
    }
}
