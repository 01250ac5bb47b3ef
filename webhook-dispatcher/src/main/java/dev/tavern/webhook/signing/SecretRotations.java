package dev.tavern.webhook.signing;

import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * Tells every replica that a tenant's signing secrets changed, through PostgreSQL's LISTEN/NOTIFY: a rotation notifies
 * inside its transaction, so the notice goes out when it commits and never for one rolled back, and each replica
 * listens on a connection of its own and forgets that tenant's kept secrets. Whenever the listening connection is
 * (re)established, every kept secret is forgotten, since notices sent meanwhile are lost. Rotations are rare: this is
 * no hot path, and the one notice per rotation serialises nothing that matters.
 */
@ApplicationScoped
class SecretRotations {

    static final String CHANNEL = "webhook_signing_secrets";
    private static final Logger LOG = Logger.getLogger(SecretRotations.class);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    private final SigningSecrets secrets;
    private final PgSubscriber subscriber;
    private final Vertx vertx;
    private volatile boolean stopped;

    SecretRotations(SigningSecrets secrets, Vertx vertx,
                    @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                    @ConfigProperty(name = "quarkus.datasource.username") String username,
                    @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.secrets = secrets;
        this.vertx = vertx;
        PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(username);
        password.ifPresent(options::setPassword);
        this.subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> RECONNECT_DELAY.toMillis());
        subscriber.channel(CHANNEL)
                .subscribeHandler(ignored -> forget(null))
                .handler(this::forget);
    }

    /** Within the rotation's transaction. */
    static Uni<Void> announce(String tenantId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT pg_notify(:channel, :tenantId)")
                        .setParameter("channel", CHANNEL)
                        .setParameter("tenantId", tenantId)
                        .getSingleResult())
                .replaceWithVoid();
    }

    void listen(@Observes StartupEvent started) {
        connect();
    }

    /** The first connection too may fail (PostgreSQL restarting): tried again until it holds, then kept by the subscriber. */
    private void connect() {
        subscriber.connect().onFailure(failure -> {
            if (!stopped) {
                LOG.warnf("Cannot listen for signing-secret rotations yet, trying again: %s", failure.getMessage());
                vertx.setTimer(RECONNECT_DELAY.toMillis(), ignored -> connect());
            }
        });
    }

    private void forget(String tenantId) {
        LOG.debugf("Signing secrets changed: forgetting those kept of %s", tenantId == null ? "every tenant" : tenantId);
        secrets.forget(tenantId).subscribe().with(ignored -> { }, failure -> LOG.warnf("Cannot forget signing secrets: %s", failure));
    }

    @PreDestroy
    void stop() {
        stopped = true;
        subscriber.close();
    }
}
