package dev.tavern.webhook.delivery;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.webhook.WebhookConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/** POSTs a delivery's body to its receiver, never following redirects, within the attempt timeout. */
@ApplicationScoped
public class WebhookSender {

    static final int KEPT_RESPONSE_CHARS = 1024;

    private final WebClient client;
    private final Duration timeout;

    WebhookSender(Vertx vertx, WebhookConfig config) {
        this.timeout = config.attemptTimeout();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setUserAgent("Tavern-Webhooks/" + config.version())
                .setConnectTimeout((int) timeout.toMillis())
                .setMaxPoolSize(64));
    }

    public Uni<AttemptOutcome> send(Delivery delivery) {
        Instant start = Instant.now();
        return client.postAbs(delivery.targetUrl)
                .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json")
                .putHeader("webhook-id", delivery.id.toString())
                .putHeader("webhook-timestamp", Long.toString(start.getEpochSecond()))
                .sendBuffer(Buffer.buffer(delivery.payload))
                .ifNoItem().after(timeout).failWith(() -> new java.util.concurrent.TimeoutException("No answer within " + timeout))
                .map(response -> answered(start, response))
                .onFailure().recoverWithItem(failure -> failed(start, failure));
    }

    private static AttemptOutcome answered(Instant start, HttpResponse<Buffer> response) {
        String body = response.bodyAsString();
        if (body != null && body.length() > KEPT_RESPONSE_CHARS) {
            body = body.substring(0, KEPT_RESPONSE_CHARS);
        }
        return new AttemptOutcome(start, response.statusCode(), elapsedMillis(start), null, body);
    }

    private static AttemptOutcome failed(Instant start, Throwable failure) {
        String reason = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return new AttemptOutcome(start, null, elapsedMillis(start), reason, null);
    }

    private static long elapsedMillis(Instant start) {
        return Duration.between(start, Instant.now()).toMillis();
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
