package dev.tavern.outbox;

import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Wakes the relay on Postgres NOTIFY, which the outbox table's trigger sends at commit:
 * records go out within milliseconds instead of at the next poll. Losing the listening
 * connection only delays records until the next poll; the subscriber reconnects by itself.
 */
@ApplicationScoped
class OutboxWakeUp {

    private static final Logger LOG = Logger.getLogger(OutboxWakeUp.class);

    private final PgSubscriber subscriber;
    private final String channel;

    OutboxWakeUp(Vertx vertx,
                 OutboxConfig config,
                 @ConfigProperty(name = "quarkus.datasource.reactive.url") String reactiveUrl,
                 @ConfigProperty(name = "quarkus.datasource.username") String username,
                 @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        PgConnectOptions options = PgConnectOptions.fromUri(reactiveUrl.replaceFirst("^vertx-reactive:", ""))
                .setUser(username);
        password.ifPresent(options::setPassword);
        this.subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(retries -> 1_000L);
        this.channel = "tavern_outbox_" + config.schema();
    }

    void listen(Runnable onNotification) {
        subscriber.channel(channel).handler(payload -> onNotification.run());
        subscriber.connect().subscribe().with(
                connected -> onNotification.run(),
                failure -> LOG.warnf("Cannot listen for outbox notifications yet (polling continues): %s", failure.toString()));
    }

    @PreDestroy
    void close() {
        subscriber.closeAndAwait();
    }
}
