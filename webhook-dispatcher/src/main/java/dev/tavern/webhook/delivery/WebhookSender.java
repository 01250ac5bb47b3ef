package dev.tavern.webhook.delivery;

import java.nio.charset.StandardCharsets;
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

import dev.tavern.http.outbound.RefusedTargetException;
import dev.tavern.http.outbound.TargetGuard.Target;
import dev.tavern.http.outbound.TargetGuard;
import dev.tavern.outbox.TraceParents;
import dev.tavern.webhook.WebhookConfig;
import dev.tavern.webhook.signing.StandardWebhooksSigner;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.mutiny.core.Vertx;

/**
 * POSTs a delivery to its receiver: to the address the target guard checked, never following
 * redirects, signed per Standard Webhooks. The claim's attempt deadline bounds the whole attempt
 * (resolving the host, waiting for capacity, the exchange and the answer's body): past it the
 * request is reset, so a receiver that streams forever is cut off, and a request that could not
 * start in time is not sent at all, since another instance may take the delivery once its lease ends. Of the body the first {@value #KEPT_RESPONSE_BYTES} bytes are kept for the delivery
 * log and the rest is read and dropped as it arrives, never buffered. A bulkhead bounds the
 * calls under way; a circuit breaker per receiver host fails fast once a host keeps failing,
 * so a dead receiver holds no capacity the others need.
 */
@ApplicationScoped
public class WebhookSender {

    static final int KEPT_RESPONSE_BYTES = 1024;
    private static final Duration ONE_MILLISECOND = Duration.ofMillis(1);
    private static final TypeLiteral<Uni<AttemptOutcome>> OUTCOME = new TypeLiteral<>() { };
    private static final int MAX_TRACKED_HOSTS = 10_000;

    private final HttpClient http;
    private final String userAgent;
    private final Duration timeout;
    private final TargetGuard targets;
    private final Tracer tracer;
    private final TraceParents traceParents;
    private final TypedGuard<Uni<AttemptOutcome>> bulkhead;
    private final Map<String, TypedGuard<Uni<AttemptOutcome>>> breakers = new ConcurrentHashMap<>();

    WebhookSender(Vertx vertx, WebhookConfig config, TargetGuard targets, Tracer tracer, TraceParents traceParents) {
        this.timeout = config.attemptTimeout();
        this.targets = targets;
        this.tracer = tracer;
        this.traceParents = traceParents;
        this.userAgent = "Tavern-Webhooks/" + config.version();
        this.http = vertx.getDelegate().createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                // The attempt is the request's span (send()); Vert.x's own would start a trace of its own beside it.
                .setTracingPolicy(TracingPolicy.IGNORE)
                .setMaxPoolSize(config.maxConcurrentAttempts()));
        this.bulkhead = TypedGuard.create(OUTCOME)
                .withBulkhead().limit(config.maxConcurrentAttempts()).queueSize(config.maxConcurrentAttempts() * 4).done()
                .build();
    }

    /**
     * Never fails: every way an attempt can go wrong is an outcome to record. The attempt is a span in the trace of the
     * scheduling change it announces, and the request carries that trace on in {@code traceparent}.
     */
    public Uni<AttemptOutcome> send(Claim claim, List<String> secrets) {
        Span span = tracer.spanBuilder("POST webhook")
                .setSpanKind(SpanKind.CLIENT)
                .setParent(traceParents.restore(claim.traceParent()))
                .setAttribute("tavern.webhook.id", claim.id().toString())
                .setAttribute("tavern.webhook.attempt", claim.attemptNumber())
                .startSpan();
        String traceParent = traceParents.of(Context.root().with(span));
        return attempt(claim, secrets, traceParent)
                .invoke(outcome -> {
                    if (outcome.statusCode() != null) {
                        span.setAttribute("http.response.status_code", outcome.statusCode());
                    }
                    if (!outcome.succeeded()) {
                        span.setStatus(StatusCode.ERROR, outcome.describe());
                    }
                    span.end();
                })
                .onCancellation().invoke(span::end);
    }

    private Uni<AttemptOutcome> attempt(Claim claim, List<String> secrets, String traceParent) {
        Instant start = Instant.now();
        return targets.resolve(claim.targetUrl())
                .flatMap(target -> breakerFor(target.host()).get(() -> bulkhead.get(() -> post(target, claim, secrets, traceParent, start))))
                .ifNoItem().after(timeLeft(claim)).failWith(() -> noAnswer())
                .onFailure(ReceiverFailure.class).recoverWithItem(failure -> ((ReceiverFailure) failure).outcome)
                // A host that does not resolve may resolve later (a DNS blip, a typo being fixed): an ordinary failure.
                .onFailure(RefusedTargetException.class).recoverWithItem(failure -> new AttemptOutcome(start, null,
                        elapsedMillis(start), failure.getMessage(), null, !((RefusedTargetException) failure).unresolved()))
                .onFailure(CircuitBreakerOpenException.class).recoverWithItem(failure ->
                        failed(start, "Not attempted: too many recent failures at this host (circuit open)"))
                .onFailure().recoverWithItem(failure -> failed(start, describe(failure)));
    }

    private Uni<AttemptOutcome> post(Target target, Claim claim, List<String> secrets, String traceParent, Instant start) {
        String webhookId = claim.id().toString();
        long timestamp = Instant.now().getEpochSecond();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setURI(target.requestUri())
                .setSsl(target.https())
                .setFollowRedirects(false)
                .putHeader("User-Agent", userAgent)
                .putHeader("Content-Type", "application/json")
                .putHeader("webhook-id", webhookId)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", StandardWebhooksSigner.signatureHeader(secrets, webhookId, timestamp, claim.payload()));
        if (traceParent != null) {
            request.putHeader("traceparent", traceParent);
        }
        BoundedAnswer answer = new BoundedAnswer();
        if (!Instant.now().isBefore(claim.attemptDeadline())) {
            return Uni.createFrom().item(failed(start, "Not attempted: its time ran out before it could start"));
        }
        return Uni.createFrom().completionStage(() -> exchange(request, claim.payload(), answer).toCompletionStage())
                .ifNoItem().after(timeLeft(claim)).failWith(() -> noAnswer())
                .onFailure().invoke(answer::abandon)
                .onCancellation().invoke(answer::abandon)
                .map(status -> new AttemptOutcome(start, status, elapsedMillis(start), null, answer.kept(), false))
                .onFailure(failure -> !(failure instanceof ReceiverFailure))
                .transform(failure -> new ReceiverFailure(failed(start, describe(failure))))
                .invoke(outcome -> {
                    if (!outcome.succeeded()) {
                        // Thrown so the host's circuit breaker counts it; turned back into an outcome in send().
                        throw new ReceiverFailure(outcome);
                    }
                });
    }

    /** What is left of the attempt's time; at least a millisecond, the shortest wait there is. */
    private static Duration timeLeft(Claim claim) {
        Duration left = Duration.between(Instant.now(), claim.attemptDeadline());
        return left.compareTo(ONE_MILLISECOND) < 0 ? ONE_MILLISECOND : left;
    }

    private TimeoutException noAnswer() {
        return new TimeoutException("No answer within " + timeout.toSeconds() + " s");
    }

    /** Sends the request and reads the whole answer into {@code answer}; completes with its status. */
    private Future<Integer> exchange(RequestOptions options, String payload, BoundedAnswer answer) {
        return http.request(options)
                .compose(request -> {
                    answer.request = request;
                    return request.send(Buffer.buffer(payload));
                })
                .compose(response -> {
                    response.handler(answer::read);
                    return response.end().map(ended -> response.statusCode());
                });
    }

    /** The first bytes of an answer, and the request to reset when the attempt is given up. */
    private static final class BoundedAnswer {
        private final Buffer kept = Buffer.buffer(KEPT_RESPONSE_BYTES);
        private volatile HttpClientRequest request;

        void read(Buffer chunk) {
            int room = KEPT_RESPONSE_BYTES - kept.length();
            if (room > 0) {
                kept.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
            }
        }

        /** As text the delivery log can hold: a receiver may answer anything, and PostgreSQL text takes no NUL. */
        String kept() {
            return kept.length() == 0 ? null : kept.toString(StandardCharsets.UTF_8).replace('\u0000', '\uFFFD');
        }

        /** Closes the exchange (for HTTP/1.1 its connection), so nothing more is read from this receiver. */
        void abandon() {
            HttpClientRequest underway = request;
            if (underway != null) {
                underway.reset();
            }
        }
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
        http.close();
    }
}
