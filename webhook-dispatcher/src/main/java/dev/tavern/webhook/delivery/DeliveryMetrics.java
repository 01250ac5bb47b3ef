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

    private final MeterRegistry registry;
    private final Timer attemptLatency;
    private final Timer deliveryLatency;
    private final Counter retriesScheduled;

    private final AtomicLong pending = new AtomicLong();
    private final Pool pool;
    private final String countPending;

    DeliveryMetrics(MeterRegistry registry, Pool pool,
                    @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.registry = registry;
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
        String result = outcome.succeeded() ? "success" : outcome.refused() ? "refused" : "failure";
        registry.counter("tavern.webhook.attempts", "outcome", result).increment();
        attemptLatency.record(Duration.ofMillis(outcome.latencyMs()));
    }

    /** A recorded attempt left the claimed delivery in {@code status}. */
    void recorded(Claim claim, DeliveryStatus status) {
        switch (status) {
            case PENDING -> retriesScheduled.increment();
            case DELIVERED -> {
                registry.counter("tavern.webhook.deliveries", "status", "delivered").increment();
                deliveryLatency.record(Duration.between(claim.createdAt(), Instant.now()));
            }
            case FAILED -> registry.counter("tavern.webhook.deliveries", "status", "failed").increment();
        }
    }
}
