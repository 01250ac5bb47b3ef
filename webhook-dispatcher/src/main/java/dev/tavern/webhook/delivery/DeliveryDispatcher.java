package dev.tavern.webhook.delivery;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.tavern.tenants.TenantDirectory;
import dev.tavern.webhook.WebhookConfig;
import dev.tavern.webhook.signing.SigningSecrets;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * Makes the attempts: polls for due deliveries (new ones are attempted at once, retries when
 * their time comes), sends them and records what happened. Bounded to a number of attempts
 * under way per instance; several instances share the work through {@link DeliveryClaims}.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);

    private final DeliveryClaims claims;
    private final DeliveryService deliveries;
    private final WebhookSender sender;
    private final SigningSecrets secrets;
    private final DeliveryMetrics metrics;
    private final TenantDirectory tenants;
    private final WebhookConfig config;
    /** One context per core: a claim's attempts take turns, so their HTTP and SQL work runs on every event loop. */
    private final List<Context> eventLoops;
    private final AtomicInteger nextEventLoop = new AtomicInteger();

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final AtomicBoolean pollAgain = new AtomicBoolean();
    private volatile boolean stopping;

    DeliveryDispatcher(DeliveryClaims claims, DeliveryService deliveries, WebhookSender sender, SigningSecrets secrets,
                       DeliveryMetrics metrics, TenantDirectory tenants, WebhookConfig config, Vertx vertx) {
        // Vert.x has no public way to pick an event loop; each new event-loop context takes the group's next one.
        this.eventLoops = IntStream.range(0, Runtime.getRuntime().availableProcessors())
                .mapToObj(i -> (Context) ((VertxInternal) vertx).createEventLoopContext()).toList();
        this.claims = claims;
        this.deliveries = deliveries;
        this.sender = sender;
        this.secrets = secrets;
        this.metrics = metrics;
        this.tenants = tenants;
        this.config = config;
    }

    @Scheduled(every = "${tavern.webhook.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        dispatchSoon();
    }

    /**
     * No claims once the application stops: its pool closes early in shutdown. What is due then is claimed by the other
     * replicas, or by this one after its restart; an attempt under way whose outcome can no longer be recorded is sent
     * again when its lease ends, with the same webhook-id.
     */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Looks for due deliveries now, or right after the look under way: calls coalesce. */
    public void dispatchSoon() {
        if (stopping) {
            return;
        }
        pollAgain.set(true);
        if (polling.compareAndSet(false, true)) {
            pollAgain.set(false);
            claims.claimDue(config.maxConcurrentAttempts() - inFlight.get())
                    .subscribe().with(due -> {
                        due.forEach(this::attempt);
                        pollDone(due.size());
                    }, failure -> {
                        LOG.warnf("Looking for due deliveries failed, trying again at the next poll: %s", failure.toString());
                        pollDone(0);
                    });
        }
    }

    private void pollDone(int claimed) {
        polling.set(false);
        if (pollAgain.get() && claimed > 0) {
            dispatchSoon();
        }
    }

    /**
     * Each attempt runs on its own safe duplicated context, which Hibernate Reactive needs when the signing secrets are
     * read, of the event loops in turn: on the loop that completed the claim alone, one core did every attempt.
     */
    private void attempt(Claim claim) {
        inFlight.incrementAndGet();
        Context eventLoop = eventLoops.get(Math.floorMod(nextEventLoop.getAndIncrement(), eventLoops.size()));
        Context context = VertxContext.createNewDuplicatedContext(eventLoop);
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> run(claim));
    }

    private void run(Claim claim) {
        send(claim)
                .invoke(metrics::attempted)
                .flatMap(outcome -> deliveries.recordAttempt(claim, outcome))
                .invoke(status -> status.ifPresent(changed -> metrics.recorded(claim, changed)))
                .eventually(() -> {
                    inFlight.decrementAndGet();
                    // A finished attempt may unblock the next delivery of the same event.
                    dispatchSoon();
                })
                .subscribe().with(
                        status -> LOG.debugf("Delivery %s attempt %d: %s", claim.id(), claim.attemptNumber(),
                                status.map(DeliveryStatus::name).orElse("recorded, changing nothing (no longer its claim)")),
                        failure -> LOG.errorf(failure, "Attempt %d of delivery %s could not be recorded; it is retried when its lease ends",
                                claim.attemptNumber(), claim.id()));
    }

    /** Sent only while its tenant is served; asked at each attempt, so a suspension holds back the very next one. */
    private Uni<AttemptOutcome> send(Claim claim) {
        return tenants.find(claim.tenantId())
                .filter(tenant -> !tenant.active())
                .map(tenant -> Uni.createFrom().item(AttemptOutcome.withheld(tenant.status())))
                .orElseGet(() -> secrets.active(claim.tenantId()).flatMap(active -> sender.send(claim, active)));
    }

    /** Attempts under way on this instance. */
    public int inFlight() {
        return inFlight.get();
    }
}
