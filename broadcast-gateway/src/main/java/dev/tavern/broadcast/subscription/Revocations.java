package dev.tavern.broadcast.subscription;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.UserData;
import io.vertx.core.Vertx;

/**
 * The subscription tokens revoked and not yet expired, as read from {@code tavern.vtt.subscription-revocations.v1}
 * (every replica reads the whole topic at start, then follows it). A revoked token is refused at the upgrade, and
 * the sockets open with it on this node are closed as soon as its revocation arrives. A revocation is forgotten once
 * its token has expired: the token is refused anyway then.
 */
@ApplicationScoped
public class Revocations {

    /** The token id ({@code jti}) a connection was admitted with, set at the upgrade. */
    public static final UserData.TypedKey<String> TOKEN_ID = UserData.TypedKey.forString("tavern.subscription.token-id");
    /** Application close code (RFC 6455 private range), after 403: the client's token was revoked. */
    public static final int REVOKED = 4003;

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final OpenConnections connections;

    Revocations(OpenConnections connections, MeterRegistry metrics) {
        this.connections = connections;
        Gauge.builder("tavern.broadcast.revocations", revoked, Map::size)
                .description("Revoked subscription tokens not yet expired, as this node enforces them").register(metrics);
    }

    void forgetExpiredEveryMinute(@Observes StartupEvent event, Vertx vertx) {
        vertx.setPeriodic(60_000, id -> forgetExpired(Instant.now()));
    }

    public boolean isRevoked(String tokenId) {
        return revoked.containsKey(tokenId);
    }

    /** Enforces the revocation from now on, and closes this node's sockets opened with the token. */
    void revoke(String tokenId, Instant expiresAt) {
        if (expiresAt.isBefore(Instant.now())) {
            return;
        }
        revoked.put(tokenId, expiresAt);
        TaggedSockets.close(connections, TOKEN_ID, tokenId, new CloseReason(REVOKED, "Subscription token revoked"));
    }

    void forgetExpired(Instant now) {
        revoked.values().removeIf(expiresAt -> expiresAt.isBefore(now));
    }
}
