package dev.tavern.ceiling.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Each record (key: the receiver's URL, value: the webhook's body): one INSERT (its own durable commit), a Standard
 * Webhooks signature, one POST; the record is acknowledged once the receiver answered 2xx, so its offset is committed
 * then. Up to {@value #CONCURRENCY} webhooks are under way at once, as webhook-dispatcher's attempts are by default.
 */
@ApplicationScoped
public class WebhookRelay {

    static final int CONCURRENCY = 64;
    private static final String INSERT = "INSERT INTO webhook_ceiling.delivery (id, record_id, target, payload) VALUES ($1, $2, $3, $4)";
    private static final byte[] KEY = "webhook-ceiling-signing-key-0001".getBytes(StandardCharsets.US_ASCII);

    private final Pool pool;
    private final HttpClient http;

    WebhookRelay(Pool pool, Vertx vertx) {
        this.pool = pool;
        this.http = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(CONCURRENCY));
    }

    @Incoming("webhooks")
    @Outgoing("delivered")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Multi<Message<String>> deliver(Multi<Message<String>> records) {
        return records.onItem().transformToUni(record -> deliver(record).replaceWith(record)).merge(CONCURRENCY);
    }

    @Incoming("delivered")
    public CompletionStage<Void> acknowledge(Message<String> delivered) {
        return delivered.ack();
    }

    private Uni<Void> deliver(Message<String> record) {
        IncomingKafkaRecordMetadata<?, ?> kafka = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        String target = (String) kafka.getKey();
        String body = record.getPayload();
        UUID id = UUID.randomUUID();
        return pool.preparedQuery(INSERT)
                .execute(Tuple.of(id, kafka.getPartition() + "@" + kafka.getOffset(), target, body))
                .flatMap(inserted -> post(target, id.toString(), body));
    }

    private Uni<Void> post(String target, String webhookId, String body) {
        long timestamp = System.currentTimeMillis() / 1000;
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target)
                .putHeader("Content-Type", "application/json")
                .putHeader("webhook-id", webhookId)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", signature(webhookId, timestamp, body));
        return http.request(request)
                .flatMap(exchange -> exchange.send(Buffer.buffer(body)))
                .flatMap(response -> response.body().map(ignored -> response.statusCode()))
                .invoke(status -> {
                    if (status < 200 || status >= 300) {
                        throw new IllegalStateException("The receiver answered " + status);
                    }
                })
                .replaceWithVoid();
    }

    private static String signature(String webhookId, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((webhookId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JVM", e);
        }
    }
}
