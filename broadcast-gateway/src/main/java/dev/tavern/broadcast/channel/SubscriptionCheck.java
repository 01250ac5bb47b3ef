package dev.tavern.broadcast.channel;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import dev.tavern.broadcast.GatewayConfig;
import dev.tavern.http.security.Secrets;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;

/**
 * Admits a WebSocket only with a subscription token for exactly the channel it opens, from
 * {@code ?token=} (OBS browser sources cannot set headers) or {@code Authorization: Bearer}.
 * The token is verified here with the ingest service's public key (signature, issuer,
 * audience, expiry): 401 when missing or invalid, 403 for another channel, 503 when this
 * node or the channel has all the connections it takes. Refused at the upgrade, so nothing is
 * ever sent to a client that should not have it.
 */
@ApplicationScoped
public class SubscriptionCheck implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(SubscriptionCheck.class);

    private final JWTParser parser;
    private final ChannelRegistry registry;
    private final GatewayConfig config;

    SubscriptionCheck(JWTParser parser, ChannelRegistry registry, GatewayConfig config) {
        this.parser = parser;
        this.registry = registry;
        this.config = config;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
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
        String channel = context.pathParam("kind") + "/" + context.pathParam("id") + "/dice-rolls";
        if (!channel.equals(jwt.getClaim("channel"))) {
            return CheckResult.rejectUpgrade(403);
        }
        if (registry.connectionCount() >= config.maxConnections() || registry.connectionCount(channel) >= config.maxConnectionsPerChannel()) {
            // Full: the client retries later, or elsewhere behind the load balancer.
            return CheckResult.rejectUpgrade(503, Map.of("Retry-After", List.of("5")));
        }
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
