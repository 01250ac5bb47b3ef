package dev.tavern.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import dev.tavern.webhook.WebhookConfig;
import dev.tavern.webhook.signing.StandardWebhooksSigner;
import dev.tavern.http.outbound.RefusedTargetException;
import dev.tavern.http.outbound.TargetGuard;
import dev.tavern.http.outbound.TargetGuard.Target;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * POSTs a delivery to its receiver: to the address the target guard checked, never following
 * redirects, signed per Standard Webhooks, within the attempt timeout. A bulkhead bounds the
 * calls under way; a circuit breaker per receiver host fails fast once a host keeps failing,
 * so a dead receiver holds no capacity the others need.
 */
@ApplicationScoped
public class WebhookSender {

    static final int KEPT_RESPONSE_CHARS = 1024;
    private static final TypeLiteral<Uni<AttemptOutcome>> OUTCOME = new TypeLiteral<>() { };
    private static final int MAX_TRACKED_HOSTS = 10_000;

    private final WebClient client;
    private final Duration timeout;
    private final TargetGuard targets;
    private final TypedGuard<Uni<AttemptOutcome>> bulkhead;
    private final Map<String, TypedGuard<Uni<AttemptOutcome>>> breakers = new ConcurrentHashMap<>();

    WebhookSender(Vertx vertx, WebhookConfig config, TargetGuard targets) {
        this.timeout = config.attemptTimeout();
        this.targets = targets;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setUserAgent("Tavern-Webhooks/" + config.version())
                .setConnectTimeout((int) timeout.toMillis())
                .setMaxPoolSize(config.maxConcurrentAttempts()));
        this.bulkhead = TypedGuard.create(OUTCOME)
                .withBulkhead().limit(config.maxConcurrentAttempts()).queueSize(config.maxConcurrentAttempts() * 4).done()
                .build();
    }

    /** Never fails: every way an attempt can go wrong is an outcome to record. */
    public Uni<AttemptOutcome> send(Claim claim, List<String> secrets) {
        Instant start = Instant.now();
        return targets.resolve(claim.targetUrl())
                .flatMap(target -> breakerFor(target.host()).get(() -> bulkhead.get(() -> post(target, claim, secrets, start))))
                .onFailure(ReceiverFailure.class).recoverWithItem(failure -> ((ReceiverFailure) failure).outcome)
                // A host that does not resolve may resolve later (a DNS blip, a typo being fixed): an ordinary failure.
                .onFailure(RefusedTargetException.class).recoverWithItem(failure -> new AttemptOutcome(start, null,
                        elapsedMillis(start), failure.getMessage(), null, !((RefusedTargetException) failure).unresolved()))
                .onFailure(CircuitBreakerOpenException.class).recoverWithItem(failure ->
                        failed(start, "Not attempted: too many recent failures at this host (circuit open)"))
                .onFailure().recoverWithItem(failure -> failed(start, describe(failure)));
    }

    private Uni<AttemptOutcome> post(Target target, Claim claim, List<String> secrets, Instant start) {
        String webhookId = claim.id().toString();
        long timestamp = Instant.now().getEpochSecond();
        return client.request(HttpMethod.POST, SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()),
                        target.port(), target.host(), target.requestUri())
                .ssl(target.https())
                .putHeader("Content-Type", "application/json")
                .putHeader("webhook-id", webhookId)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", StandardWebhooksSigner.signatureHeader(secrets, webhookId, timestamp, claim.payload()))
                .sendBuffer(Buffer.buffer(claim.payload()))
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("No answer within " + timeout.toSeconds() + " s"))
                .map(response -> answered(start, response))
                .onFailure(failure -> !(failure instanceof ReceiverFailure))
                .transform(failure -> new ReceiverFailure(failed(start, describe(failure))))
                .invoke(outcome -> {
                    if (!outcome.succeeded()) {
                        // Thrown so the host's circuit breaker counts it; turned back into an outcome in send().
                        throw new ReceiverFailure(outcome);
                    }
                });
    }

    private TypedGuard<Uni<AttemptOutcome>> breakerFor(String host) {
        if (breakers.size() > MAX_TRACKED_HOSTS) {
            breakers.clear();
        }
        return breakers.computeIfAbsent(host, h -> TypedGuard.create(OUTCOME)
                .withCircuitBreaker().failOn(ReceiverFailure.class).requestVolumeThreshold(10).failureRatio(0.8)
                .delay(30, ChronoUnit.SECONDS).successThreshold(1).done()
                .build());
    }

    private static AttemptOutcome answered(Instant start, HttpResponse<Buffer> response) {
        String body = response.bodyAsString();
        if (body != null && body.length() > KEPT_RESPONSE_CHARS) {
            body = body.substring(0, KEPT_RESPONSE_CHARS);
        }
        return new AttemptOutcome(start, response.statusCode(), elapsedMillis(start), null, body, false);
    }

    private static AttemptOutcome failed(Instant start, String reason) {
        return new AttemptOutcome(start, null, elapsedMillis(start), reason, null, false);
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    private static long elapsedMillis(Instant start) {
        return Duration.between(start, Instant.now()).toMillis();
    }

    /** A receiver that did not acknowledge: a failure to the circuit breaker, an outcome to the delivery. */
    static final class ReceiverFailure extends RuntimeException {
        final AttemptOutcome outcome;

        ReceiverFailure(AttemptOutcome outcome) {
            super(outcome.describe(), null, false, false);
            this.outcome = outcome;
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
