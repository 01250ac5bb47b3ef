package dev.tavern.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.infra.test.TopicProbe;

/**
 * Two webhook-dispatcher processes share the deliveries of a scheduler-service process. An attempt's outcome applies
 * only to its own claim: one replica frozen (SIGSTOP) in the middle of an attempt, past its lease, comes back after
 * the other replica delivered, and its late failure is recorded without undoing the delivery or announcing a second
 * outcome. A redeliver while an attempt is in flight answers 409 on either replica, and the webhook goes out once. A
 * signing secret rotated through one replica signs the other's next webhook. A third replica stopped with SIGTERM logs
 * no warning on its way out.
 */
class DispatcherReplicasTest {

    private static final String OUTCOMES_TOPIC = "tavern.webhooks.deliveries.v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Intake may wait for a frozen replica's partitions to move (session timeout 10 s), then a lease to run out. */
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Scaled: a lease is the attempt timeout plus the margin, 6 s instead of 40 s. Signing secrets are kept for an hour,
     * so only a rotation's notice can make a replica sign with a new one within the test.
     */
    private static final Map<String, String> SCALED = Map.of(
            "TAVERN_WEBHOOK_ATTEMPT_TIMEOUT", "5s",
            "TAVERN_WEBHOOK_LEASE_MARGIN", "1s",
            "TAVERN_WEBHOOK_RETRY_INTERVAL", "2s",
            "TAVERN_WEBHOOK_RETRY_WINDOW", "2m",
            "QUARKUS_CACHE_CAFFEINE__SIGNING_SECRETS__EXPIRE_AFTER_WRITE", "1h");

    private static ProcessStack stack;
    private static ServiceProcess scheduler;
    private static ServiceProcess dispatcherOne;
    private static ServiceProcess dispatcherTwo;
    private static HoldingReceiver receiver;

    @BeforeAll
    static void startStack() throws Exception {
        stack = ProcessStack.start("dispatchers");
        scheduler = stack.process(TavernService.SCHEDULER, "scheduler", Map.of());
        dispatcherOne = stack.process(TavernService.WEBHOOK_DISPATCHER, "dispatcher-1", SCALED);
        dispatcherTwo = stack.process(TavernService.WEBHOOK_DISPATCHER, "dispatcher-2", SCALED);
        stack.startAll();
        receiver = HoldingReceiver.start();
    }

    @AfterAll
    static void stopStack() {
        if (receiver != null) {
            receiver.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aReplicaThatIsStoppedShutsDownWithoutWarnings() throws Exception {
        ServiceProcess leaving = stack.process(TavernService.WEBHOOK_DISPATCHER, "dispatcher-leaving", SCALED);
        stack.startAll();

        int linesBeforeStop = stack.log("dispatcher-leaving").size();
        leaving.requestStop();
        leaving.awaitStop(Duration.ofSeconds(30));

        List<String> log = stack.log("dispatcher-leaving");
        List<String> shutdown = log.subList(linesBeforeStop, log.size());
        assertThat(shutdown).anyMatch(line -> line.contains("webhook-dispatcher stopped in"));
        assertThat(shutdown).as("what the replica logged from SIGTERM on")
                .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
    }

    @Test
    void aLateFailureFromAFrozenReplicaNeitherUndoesTheDeliveryNorAnnouncesASecondOutcome() throws Exception {
        String path = "/hooks/late-outcome";
        receiver.holdNext(path);
        // Only replica one can claim: replica two is frozen until replica one is mid-attempt.
        dispatcherTwo.freeze();
        long eventId;
        try {
            eventId = createEvent("Frozen mid-attempt", receiver.url(path));
            await().atMost(DELIVERY_TIMEOUT).until(() -> receiver.receivedAt(path).size() == 1);
            dispatcherOne.freeze();
        } finally {
            dispatcherTwo.thaw();
        }
        JsonNode delivered;
        try {
            // Replica two takes the delivery when replica one's lease runs out; the receiver answers this attempt.
            await().atMost(DELIVERY_TIMEOUT).until(() -> "DELIVERED".equals(deliveryOf(dispatcherTwo, eventId).path("status").asText()));
            delivered = deliveryOf(dispatcherTwo, eventId);
        } finally {
            dispatcherOne.thaw();
        }

        // Replica one wakes up past its attempt's timeout and records a failure for its stale claim.
        await().atMost(DELIVERY_TIMEOUT).until(() -> deliveryOf(dispatcherOne, eventId).path("attempts").size() == 2);
        JsonNode after = deliveryOf(dispatcherOne, eventId);
        assertThat(after.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(after.path("completedAt").asText()).isEqualTo(delivered.path("completedAt").asText());
        assertThat(after.hasNonNull("nextAttemptAt")).as("a next attempt after delivery").isFalse();
        assertThat(after.hasNonNull("lastError")).as("an error after delivery").isFalse();
        JsonNode stale = attempt(after, 1);
        assertThat(stale.hasNonNull("statusCode")).as("the stale attempt got an answer").isFalse();
        assertThat(stale.path("error").asText()).isNotBlank();
        assertThat(attempt(after, 2).path("statusCode").asInt()).isEqualTo(200);

        String deliveryId = after.path("id").asText();
        assertThat(receiver.receivedAt(path)).extracting(HoldingReceiver.Received::webhookId).containsExactly(deliveryId, deliveryId);
        assertThat(outcomesQueued(deliveryId)).isEqualTo(1);
        try (TopicProbe outcomes = TopicProbe.from(stack.kafkaBootstrapServers(), OUTCOMES_TOPIC)) {
            JsonNode outcome = JSON.readTree(outcomes.await(record -> record.value().contains(deliveryId), DELIVERY_TIMEOUT).value());
            assertThat(outcome.path("status").asText()).isEqualTo("DELIVERED");
            assertThat(outcome.path("attempts").asInt()).isEqualTo(2);
        }
    }

    @Test
    void aRedeliverWhileAnAttemptIsInFlightAnswers409OnEitherReplicaAndTheWebhookGoesOutOnce() throws Exception {
        String path = "/hooks/redeliver";
        receiver.holdNext(path);
        long eventId = createEvent("Redelivered mid-attempt", receiver.url(path));
        await().atMost(DELIVERY_TIMEOUT).until(() -> receiver.receivedAt(path).size() == 1);
        String deliveryId = deliveryOf(dispatcherOne, eventId).path("id").asText();

        for (ServiceProcess dispatcher : List.of(dispatcherOne, dispatcherTwo)) {
            HttpResponse<String> refused = redeliver(dispatcher, deliveryId);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("pending");
        }
        receiver.release(path);
        await().atMost(DELIVERY_TIMEOUT).until(() -> "DELIVERED".equals(deliveryOf(dispatcherTwo, eventId).path("status").asText()));
        assertThat(receiver.receivedAt(path)).hasSize(1);
        assertThat(deliveryOf(dispatcherOne, eventId).path("attempts")).hasSize(1);

        // Once it has ended, a redeliver sends it again, with the same webhook-id.
        assertThat(redeliver(dispatcherTwo, deliveryId).statusCode()).isEqualTo(202);
        await().atMost(DELIVERY_TIMEOUT).until(() -> deliveryOf(dispatcherOne, eventId).path("attempts").size() == 2
                && "DELIVERED".equals(deliveryOf(dispatcherOne, eventId).path("status").asText()));
        assertThat(receiver.receivedAt(path)).extracting(HoldingReceiver.Received::webhookId).containsExactly(deliveryId, deliveryId);
        assertThat(outcomesQueued(deliveryId)).isEqualTo(2);
    }

    @Test
    void aSecretRotatedThroughOneReplicaSignsTheOtherReplicasNextWebhook() throws Exception {
        String path = "/hooks/rotation";
        // Replica two signs a webhook first, and so keeps the tenant's current secret.
        HoldingReceiver.Received before = deliveredBy(dispatcherTwo, dispatcherOne, "Before the rotation", path);

        HttpResponse<String> rotation = HTTP.send(operator(dispatcherOne, "/api/operator/webhooks/tenants/default/signing-secret")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rotation.statusCode()).as(rotation.body()).isEqualTo(200);
        String rotated = JSON.readTree(rotation.body()).path("secret").asText();

        HoldingReceiver.Received after = deliveredBy(dispatcherTwo, dispatcherOne, "After the rotation", path);
        assertThat(signedWith(before, rotated)).as("signed with the new secret before it existed").isFalse();
        assertThat(signedWith(after, rotated)).as("replica two signs with the secret rotated through replica one: %s", after.signatures())
                .isTrue();
        assertThat(after.signatures().split(" ")).as("the previous secret signs beside it").hasSize(2);
    }

    /** The webhook of a new event, attempted by {@code sender} while {@code other} is frozen. */
    private static HoldingReceiver.Received deliveredBy(ServiceProcess sender, ServiceProcess other, String title, String path)
            throws Exception {
        other.freeze();
        try {
            long eventId = createEvent(title, receiver.url(path));
            await().atMost(DELIVERY_TIMEOUT).until(() -> "DELIVERED".equals(deliveryOf(sender, eventId).path("status").asText()));
            String deliveryId = deliveryOf(sender, eventId).path("id").asText();
            return receiver.receivedAt(path).stream().filter(request -> request.webhookId().equals(deliveryId)).findFirst().orElseThrow();
        } finally {
            other.thaw();
        }
    }

    /** Whether one of the webhook's signatures is the secret's, per Standard Webhooks. */
    private static boolean signedWith(HoldingReceiver.Received webhook, String secret) throws GeneralSecurityException {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] signed = hmac.doFinal((webhook.webhookId() + "." + webhook.timestamp() + "." + webhook.body()).getBytes(StandardCharsets.UTF_8));
        return List.of(webhook.signatures().split(" ")).contains("v1," + Base64.getEncoder().encodeToString(signed));
    }

    private static JsonNode attempt(JsonNode delivery, int number) {
        for (JsonNode attempt : delivery.path("attempts")) {
            if (attempt.path("number").asInt() == number) {
                return attempt;
            }
        }
        throw new AssertionError("No attempt " + number + " in " + delivery);
    }

    private static long createEvent(String title, String fromUrl) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("title", title, "fromUrl", fromUrl, "fromUrlId", UUID.randomUUID().toString()));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(scheduler.url() + "/api/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asLong();
    }

    /** The event's CREATED delivery as the operator API shows it, or an empty object while there is none. */
    private static JsonNode deliveryOf(ServiceProcess dispatcher, long eventId) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(operator(dispatcher, "/api/operator/webhooks/deliveries?eventId=" + eventId).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode deliveries = JSON.readTree(response.body());
        assertThat(deliveries.size()).isLessThanOrEqualTo(1);
        return deliveries.isEmpty() ? JSON.createObjectNode() : deliveries.get(0);
    }

    private static HttpResponse<String> redeliver(ServiceProcess dispatcher, String deliveryId) throws IOException, InterruptedException {
        return HTTP.send(operator(dispatcher, "/api/operator/webhooks/deliveries/" + deliveryId + "/redeliver")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder operator(ServiceProcess dispatcher, String path) {
        return HttpRequest.newBuilder(URI.create(dispatcher.url() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + stack.operatorToken());
    }

    /** Outcomes of the delivery written to the dispatcher's outbox: each is published, none is added later. */
    private static int outcomesQueued(String deliveryId) throws SQLException {
        try (Connection connection = stack.database();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM webhook.outbox_message WHERE topic = ? AND payload::jsonb ->> 'deliveryId' = ?")) {
            query.setString(1, OUTCOMES_TOPIC);
            query.setString(2, deliveryId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
