package dev.tavern.vtt.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.tavern.vtt.IngestConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Tuple;

/**
 * Hears, through PostgreSQL's LISTEN/NOTIFY, when any replica changes an API key, a campaign or a character (triggers
 * of migration V7 notify at commit), and tells this replica's {@link CoherentCache}s what they may still serve.
 *
 * <p>Every notice starts a new generation: entries kept before it are not served again. A notice can be lost only with
 * the listening connection, and a connection can hang without closing (a frozen backend, a network partition), so the
 * listener also sends itself a heartbeat notice every third of {@code tavern.ingest.directory.max-staleness}.
 * PostgreSQL delivers notices in commit order, so hearing a heartbeat back proves every change committed before it
 * was sent has been heard. Kept entries are served only while the last heartbeat heard back was sent less than the
 * max staleness ago; otherwise every read goes to the database, and a change is in force within that bound however
 * the listener fails. A heartbeat unanswered for {@link #STALLED} gives the connection up for a new one.
 */
@ApplicationScoped
public class ChangeNotices {

    static final String APPLICATION_NAME = "tavern-change-notices";
    private static final Logger LOG = Logger.getLogger(ChangeNotices.class);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
    private static final Duration STALLED = Duration.ofSeconds(5);
    private static final long NONE = Long.MIN_VALUE;

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final String directoryChannel;
    private final String heartbeatChannel;
    private final long maxStalenessNanos;
    private final long heartbeatMillis;

    private final AtomicLong generation = new AtomicLong();
    /** Counts (re)subscriptions: a heartbeat proves something only on the connection that is listening now. */
    private final AtomicLong subscriptions = new AtomicLong();
    private volatile PgSubscriber subscriber;
    private volatile PgConnection listening;
    /** When the last heartbeat heard back was sent. */
    private volatile long confirmedAt = NONE;
    private final AtomicLong heartbeatInFlight = new AtomicLong(NONE);
    private volatile boolean stopped;
    private long heartbeatTimer;

    ChangeNotices(Vertx vertx, IngestConfig config, MeterRegistry metrics,
                  @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                  @ConfigProperty(name = "quarkus.datasource.username") String username,
                  @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                  @ConfigProperty(name = "quarkus.flyway.default-schema") String schema) {
        this.vertx = vertx;
        this.maxStalenessNanos = config.directory().maxStaleness().toNanos();
        this.heartbeatMillis = Math.max(1, config.directory().maxStaleness().toMillis() / 3);
        // A channel of this replica's own: the others' heartbeats are none of its business.
        this.heartbeatChannel = "tavern_heartbeat_" + UUID.randomUUID().toString().replace("-", "");
        this.directoryChannel = "tavern_directory_" + schema;
        this.options = PgConnectOptions.fromUri(url).setUser(username).addProperty("application_name", APPLICATION_NAME);
        password.ifPresent(options::setPassword);
        this.subscriber = newSubscriber();
        Gauge.builder("tavern.ingest.caches.coherent", this, notices -> notices.trusted() ? 1 : 0)
                .description("1 while this replica hears every change to keys, campaigns and characters and so serves them from"
                        + " memory; 0 while it does not, and every roll looks them up in PostgreSQL")
                .register(metrics);
    }

    /** Whether kept entries may be served: every change committed up to the max staleness ago has been heard. */
    public boolean trusted() {
        long confirmed = confirmedAt;
        return confirmed != NONE && System.nanoTime() - confirmed < maxStalenessNanos;
    }

    /** The generation now: a value read from the database from here on may be kept under it. */
    public long generation() {
        return generation.get();
    }

    void listen(@Observes StartupEvent started) {
        connect();
        heartbeatTimer = vertx.setPeriodic(heartbeatMillis, ignored -> heartbeat());
    }

    /** Listens on a connection of its own, which the subscriber opens again whenever it closes. */
    private PgSubscriber newSubscriber() {
        PgSubscriber created = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> RECONNECT_DELAY.toMillis());
        created.channel(directoryChannel)
                .subscribeHandler(ignored -> subscribed(created))
                .handler(table -> changed("a change of " + table));
        created.channel(heartbeatChannel).handler(this::heard);
        return created;
    }

    /** The first connection too may fail (PostgreSQL restarting): tried again until it holds, then kept by the subscriber. */
    private void connect() {
        PgSubscriber current = subscriber;
        current.connect().onFailure(failure -> {
            if (!stopped && current == subscriber) {
                LOG.warnf("Cannot listen for directory changes yet, caches are not used meanwhile: %s", failure.getMessage());
                vertx.setTimer(RECONNECT_DELAY.toMillis(), ignored -> connect());
            }
        });
    }

    /** Listening (again): whatever changed while nobody listened is unknown, so nothing kept before is served. */
    private void subscribed(PgSubscriber subscribed) {
        changed("listening anew");
        subscriptions.incrementAndGet();
        heartbeatInFlight.set(NONE);
        listening = subscribed.actualConnection();
    }

    private void changed(String why) {
        LOG.debugf("Directory changed (%s): kept entries are read again", why);
        generation.incrementAndGet();
    }

    private void heartbeat() {
        PgConnection connection = subscriber.actualConnection();
        if (connection == null || connection != listening) {
            return;
        }
        long now = System.nanoTime();
        long inFlight = heartbeatInFlight.get();
        if (inFlight != NONE) {
            if (now - inFlight > STALLED.toNanos() && heartbeatInFlight.compareAndSet(inFlight, NONE)) {
                LOG.warnf("PostgreSQL has not echoed a directory heartbeat for %s: listening on a new connection", STALLED);
                listenAnew();
            }
            return;
        }
        if (heartbeatInFlight.compareAndSet(NONE, now)) {
            String heartbeat = subscriptions.get() + ":" + now;
            connection.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(heartbeatChannel, heartbeat))
                    .onFailure(failure -> heartbeatInFlight.compareAndSet(now, NONE));
        }
    }

    /**
     * A connection cannot be closed while a command on it waits for an answer, so the hung one is left to its
     * subscriber's close, which ends it once PostgreSQL answers or TCP gives up, and a new subscriber listens.
     */
    private void listenAnew() {
        PgSubscriber stalled = subscriber;
        listening = null;
        subscriptions.incrementAndGet();
        subscriber = newSubscriber();
        stalled.close();
        connect();
    }

    private void heard(String heartbeat) {
        int separator = heartbeat.indexOf(':');
        long subscription = Long.parseLong(heartbeat.substring(0, separator));
        long sentAt = Long.parseLong(heartbeat.substring(separator + 1));
        heartbeatInFlight.compareAndSet(sentAt, NONE);
        if (subscription == subscriptions.get() && (confirmedAt == NONE || sentAt - confirmedAt > 0)) {
            confirmedAt = sentAt;
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
        vertx.cancelTimer(heartbeatTimer);
        subscriber.close();
    }
}
