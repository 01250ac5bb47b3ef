package dev.tavern.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * What operators watch: attempts by outcome, deliveries by how they ended, retries scheduled,
 * attempt latency and the time from intake to acknowledgement ({@code /q/metrics}).
 */
@ApplicationScoped
public class DeliveryMetrics {

    private final Counter attemptsSucceeded;
    private final Counter attemptsRefused;
    private final Counter attemptsFailed;
    private final Counter deliveriesDelivered;
    private final Counter deliveriesFailed;
    private final Timer attemptLatency;
    private final Timer deliveryLatency;
    private final Counter retriesScheduled;

    private final AtomicLong pending = new AtomicLong();
    private final Pool pool;
    private final String countPending;

    DeliveryMetrics(MeterRegistry registry, Pool pool,
                    @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.pool = pool;
        this.countPending = "SELECT count(*) FROM " + schema + ".delivery WHERE status = 'PENDING'";
        Gauge.builder("tavern.webhook.deliveries.pending", pending, AtomicLong::get)
                .description("Deliveries not yet acknowledged nor given up, across all instances").register(registry);
        this.attemptLatency = Timer.builder("tavern.webhook.attempt.latency").description("Time a receiver took to answer")
                .publishPercentileHistogram().register(registry);
        this.deliveryLatency = Timer.builder("tavern.webhook.delivery.latency")
                .description("From intake to the receiver's acknowledgement").publishPercentileHistogram().register(registry);
        this.retriesScheduled = Counter.builder("tavern.webhook.retries.scheduled").description("Attempts that failed and will be retried")
                .register(registry);
        // Registered once: an attempt only increments them, with no lookup of its name and tags.
        this.attemptsSucceeded = registry.counter("tavern.webhook.attempts", "outcome", "success");
        this.attemptsRefused = registry.counter("tavern.webhook.attempts", "outcome", "refused");
        this.attemptsFailed = registry.counter("tavern.webhook.attempts", "outcome", "failure");
        this.deliveriesDelivered = registry.counter("tavern.webhook.deliveries", "status", "delivered");
        this.deliveriesFailed = registry.counter("tavern.webhook.deliveries", "status", "failed");
    }

    /** Not while stopping: the pool closes early in shutdown. */
    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refreshPending() {
        return pool.query(countPending).execute()
                .invoke(rows -> pending.set(rows.iterator().next().getLong(0)))
                .replaceWithVoid();
    }

    void attempted(AttemptOutcome outcome) {
        (outcome.succeeded() ? attemptsSucceeded : outcome.refused() ? attemptsRefused : attemptsFailed).increment();
        attemptLatency.record(Duration.ofMillis(outcome.latencyMs()));
    }

    /** A recorded attempt left the claimed delivery in {@code status}. */
    void recorded(Claim claim, DeliveryStatus status) {
        switch (status) {
            case PENDING -> retriesScheduled.increment();
            case DELIVERED -> {
                deliveriesDelivered.increment();
                deliveryLatency.record(Duration.between(claim.createdAt(), Instant.now()));
            }
            case FAILED -> deliveriesFailed.increment();
        }
    }
}
