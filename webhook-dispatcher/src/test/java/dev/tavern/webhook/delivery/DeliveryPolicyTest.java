package dev.tavern.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tavern.infra.FreePorts;
import dev.tavern.infra.contract.TopicContract;
import dev.tavern.infra.test.RecordedSpans;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicProbe;
import dev.tavern.webhook.SchedulingRecords;
import dev.tavern.webhook.WebhookReceiver.Answer;
import dev.tavern.webhook.WebhookReceiver.Received;
import dev.tavern.webhook.WebhookReceiver;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The delivery policy against a real receiver, with the test profile's timing: attempts time
 * out after 2 s, retry every second, and give up 4 s after the first attempt.
 */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class DeliveryPolicyTest {

    private final WebhookReceiver receiver = SchedulingRecords.receiver();
    private final SchedulingRecords records = SchedulingRecords.shared();

    @Test
    void a2xxOnTheFirstTryDeliversAndAnnouncesTheOutcome() {
        long eventId = SchedulingRecords.newEventId();
        String path = "/ok-" + eventId;
        try (TopicProbe outcomes = TopicProbe.from(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers(),
                DeliveryOutcomes.TOPIC)) {
            records.created(eventId, "default", receiver.url(path));

            JsonPath delivery = SchedulingRecords.awaitDelivery(eventId, "DELIVERED", Duration.ofSeconds(20));
            assertThat(delivery.getInt("[0].attemptCount")).isEqualTo(1);
            assertThat(delivery.getInt("[0].attempts[0].statusCode")).isEqualTo(200);
            assertThat(receiver.received(path)).hasSize(1);

            JsonNode outcome = TopicContract.of(DeliveryOutcomes.TOPIC).assertValid(
                    outcomes.await(r -> r.key().equals(Long.toString(eventId)), Duration.ofSeconds(20)).value());
            assertThat(outcome.get("status").asText()).isEqualTo("DELIVERED");
            assertThat(outcome.get("webhookId").asText()).isEqualTo(receiver.received(path).get(0).headers().get("webhook-id"));
        }
    }

    @Test
    void anAttemptIsASpanInTheTraceOfItsSchedulingRecordAndTheRequestCarriesIt() {
        long eventId = SchedulingRecords.newEventId();
        String path = "/traced-" + eventId;
        String traceId = "5b8efff798038103d269b633813fc60c";
        String relaySpanId = "eee19b7ec3c1b174";

        records.createdInTrace(eventId, receiver.url(path), "00-" + traceId + "-" + relaySpanId + "-01");

        SchedulingRecords.awaitDelivery(eventId, "DELIVERED", Duration.ofSeconds(20));
        SpanData attempt = await().atMost(Duration.ofSeconds(10))
                .until(() -> RecordedSpans.find(span -> span.getName().equals("POST webhook") && span.getTraceId().equals(traceId)),
                        Optional::isPresent).orElseThrow();
        assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(attempt.getParentSpanId()).isEqualTo(relaySpanId);
        // The receiver can go on with the same trace: the request names the attempt as its parent, and only it.
        assertThat(receiver.received(path).get(0).headers().get("traceparent"))
                .isEqualTo("00-" + traceId + "-" + attempt.getSpanId() + "-01");
    }

    @Test
    void a500ThenA200IsDeliveredOnALaterAttemptWithTheSameWebhookId() {
        long eventId = SchedulingRecords.newEventId();
        String path = "/flaky-" + eventId;
        receiver.answer(path, n -> Answer.status(n == 1 ? 500 : 200));
        records.created(eventId, "default", receiver.url(path));

        JsonPath delivery = SchedulingRecords.awaitDelivery(eventId, "DELIVERED", Duration.ofSeconds(20));

        List<Received> hits = receiver.received(path);
        assertThat(hits).hasSize(2);
        assertThat(hits.get(1).headers().get("webhook-id")).isEqualTo(hits.get(0).headers().get("webhook-id"));
        assertThat(delivery.getList("[0].attempts.statusCode", Integer.class)).containsExactly(500, 200);
    }

    @Test
    void aReceiverDownPastTheWindowFailsForGoodWithEveryAttemptRecorded() {
        long eventId = SchedulingRecords.newEventId();
        // By name: the host's circuit breaker opens on these failures, and the other tests' receiver is 127.0.0.1.
        String nobodyListens = "http://down.tavern.test:" + FreePorts.next() + "/down";
        records.created(eventId, "default", nobodyListens);

        JsonPath delivery = SchedulingRecords.awaitDelivery(eventId, "FAILED", Duration.ofSeconds(30));

        int attempts = delivery.getInt("[0].attemptCount");
        List<Instant> times = delivery.getList("[0].attempts.attemptedAt", String.class).stream().map(Instant::parse).toList();
        Instant first = Instant.parse(delivery.getString("[0].firstAttemptAt"));
        // Every second from the first, the window's end included: at 0, 1, 2, 3 and 4 s. The schedule is anchored at
        // the first attempt: one that starts late (a busy machine) keeps to its second, so none is sent early, no
        // two fall in the same second, and exactly one, the last, is at or after the window's end.
        assertThat(times).hasSize(attempts);
        List<Long> seconds = times.stream().map(time -> Duration.between(first, time).toSeconds()).toList();
        assertThat(seconds).first().isEqualTo(0L);
        assertThat(seconds).isSorted().doesNotHaveDuplicates();
        assertThat(seconds).filteredOn(second -> second >= 4).hasSize(1).containsExactly(seconds.get(seconds.size() - 1));
        assertThat(times).allMatch(time -> !time.isBefore(first));
        assertThat(delivery.getString("[0].lastError")).startsWith("No 2xx within 4s");
        assertThat(delivery.getList("[0].attempts.error", String.class)).allMatch(e -> e.contains("Connect"));
    }

    @Test
    void aRedirectIsAFailureAndIsNotFollowed() {
        long eventId = SchedulingRecords.newEventId();
        String path = "/moved-" + eventId;
        receiver.answer(path, n -> n == 1 ? new Answer(302, Map.of("Location", receiver.url(path + "-elsewhere")), 0) : Answer.status(204));
        records.created(eventId, "default", receiver.url(path));

        JsonPath delivery = SchedulingRecords.awaitDelivery(eventId, "DELIVERED", Duration.ofSeconds(20));

        assertThat(delivery.getList("[0].attempts.statusCode", Integer.class)).containsExactly(302, 204);
        assertThat(receiver.received(path + "-elsewhere")).isEmpty();
    }

    @Test
    void aSlowReceiverTimesOutAndTheAttemptIsAFailure() {
        long eventId = SchedulingRecords.newEventId();
        String path = "/slow-" + eventId;
        receiver.answer(path, n -> n == 1 ? new Answer(200, Map.of(), 3_000) : Answer.status(200));
        records.created(eventId, "default", receiver.url(path));

        JsonPath delivery = SchedulingRecords.awaitDelivery(eventId, "DELIVERED", Duration.ofSeconds(20));

        assertThat(delivery.getString("[0].attempts[0].error")).contains("No answer within 2 s");
        assertThat(delivery.getInt("[0].attempts[1].statusCode")).isEqualTo(200);
    }

    @Test
    void aReceiverStreamingAHundredMegabytesSlowlyIsCutOffAtTheTimeoutAndTheHeapStaysFlat() {
        long eventId = SchedulingRecords.newEventId();
        String path = "/endless-" + eventId;
        // 100 MB at 10 MB/s: ten seconds of body against a two-second attempt.
        receiver.answer(path, n -> n == 1 ? Answer.streaming(200, 100L << 20, 10L << 20) : Answer.status(204));
        long heapBefore = usedHeapAfterGc();

        records.created(eventId, "default", receiver.url(path));

        JsonPath delivery = SchedulingRecords.awaitDelivery(eventId, "DELIVERED", Duration.ofSeconds(30));
        assertThat(delivery.getString("[0].attempts[0].error")).isEqualTo("TimeoutException: No answer within 2 s");
        // The two seconds run from the claim; the attempt starts a little after it.
        assertThat(delivery.getLong("[0].attempts[0].latencyMs")).isBetween(1500L, 3000L);
        assertThat(delivery.getInt("[0].attempts[1].statusCode")).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.streamed(path).map(WebhookReceiver.Streamed::cutOff).orElse(false));
        assertThat(receiver.streamed(path).orElseThrow().bytes()).isLessThan(50L << 20);
        assertThat(usedHeapAfterGc() - heapBefore).as("heap growth in bytes").isLessThan(24L << 20);
    }

    @Test
    void ofALargeBinaryAnswerOnlyTheFirstKibibyteIsKeptAsText() {
        long eventId = SchedulingRecords.newEventId();
        String path = "/large-" + eventId;
        receiver.answer(path, n -> Answer.streaming(200, 8L << 20, 0));

        records.created(eventId, "default", receiver.url(path));

        JsonPath delivery = SchedulingRecords.awaitDelivery(eventId, "DELIVERED", Duration.ofSeconds(20));
        // The receiver's body is zero bytes: kept as text the database can hold (NUL is not).
        assertThat(delivery.getString("[0].attempts[0].responseBody")).hasSize(1024).containsOnlyOnce("\uFFFD".repeat(1024));
        assertThat(receiver.streamed(path).orElseThrow()).isEqualTo(new WebhookReceiver.Streamed(8L << 20, false));
    }

    private static long usedHeapAfterGc() {
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    void aLaterTypeWaitsWhileAnEarlierOneIsStillRetrying() {
        long eventId = SchedulingRecords.newEventId();
        String path = "/ordered-" + eventId;
        receiver.answer(path, n -> Answer.status(n <= 2 ? 503 : 200));
        records.created(eventId, "default", receiver.url(path));
        records.finalized(eventId, "default", receiver.url(path));

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received(path).stream().anyMatch(r -> r.body().contains("FINALIZED")));

        List<String> types = receiver.received(path).stream().map(r -> r.body().substring(9, r.body().indexOf('"', 9))).toList();
        assertThat(types).containsExactly("CREATED", "CREATED", "CREATED", "FINALIZED");
    }

    @Test
    void refusedTargetsFailAtOnceWithTheReasonAndAreNeverRetried() {
        long metadata = SchedulingRecords.newEventId();
        long internal = SchedulingRecords.newEventId();
        records.created(metadata, "default", "http://169.254.169.254/latest/meta-data/");
        records.created(internal, "default", "http://internal.tavern.test/hooks");

        JsonPath metadataDelivery = SchedulingRecords.awaitDelivery(metadata, "FAILED", Duration.ofSeconds(20));
        JsonPath internalDelivery = SchedulingRecords.awaitDelivery(internal, "FAILED", Duration.ofSeconds(20));

        assertThat(metadataDelivery.getInt("[0].attemptCount")).isEqualTo(1);
        assertThat(metadataDelivery.getString("[0].lastError")).isEqualTo("Refused: Host 169.254.169.254 is not a public address");
        assertThat(internalDelivery.getInt("[0].attemptCount")).isEqualTo(1);
        assertThat(internalDelivery.getString("[0].lastError")).isEqualTo("Refused: Host internal.tavern.test is not a public address");
        for (String embedding : List.of("nat64.tavern.test", "nat64-local.tavern.test", "six-to-four.tavern.test", "compatible.tavern.test")) {
            long eventId = SchedulingRecords.newEventId();
            records.created(eventId, "default", "http://" + embedding + "/hooks");
            JsonPath delivery = SchedulingRecords.awaitDelivery(eventId, "FAILED", Duration.ofSeconds(20));
            assertThat(delivery.getInt("[0].attemptCount")).as(embedding).isEqualTo(1);
            assertThat(delivery.getString("[0].lastError")).isEqualTo("Refused: Host " + embedding + " is not a public address");
        }
    }

    @Test
    void aHostThatDoesNotResolveIsRetriedAndDeliveredOnceItResolves() throws Exception {
        long eventId = SchedulingRecords.newEventId();
        String host = "blip-" + eventId + ".tavern.test";
        String path = "/dns-blip-" + eventId;
        records.created(eventId, "default", "http://" + host + ":" + receiver.port() + path);

        await().atMost(Duration.ofSeconds(20)).until(() -> SchedulingRecords.deliveryAttempts(eventId) >= 1);
        // The name starts to resolve, as after a DNS outage or a fixed typo.
        SchedulingRecords.resolve(host, "127.0.0.1");

        JsonPath delivery = SchedulingRecords.awaitDelivery(eventId, "DELIVERED", Duration.ofSeconds(20));
        assertThat(delivery.getList("[0].attempts.error", String.class).get(0)).isEqualTo("Host " + host + " does not resolve");
        assertThat(delivery.getInt("[0].attemptCount")).isGreaterThanOrEqualTo(2);
        assertThat(receiver.received(path)).hasSize(1);
    }

    @Test
    void anOperatorCanReviveAFailedDelivery() {
        long eventId = SchedulingRecords.newEventId();
        String path = "/revived-" + eventId;
        AtomicBoolean healed = new AtomicBoolean();
        receiver.answer(path, n -> Answer.status(healed.get() ? 200 : 500));
        records.created(eventId, "default", receiver.url(path));
        String id = SchedulingRecords.awaitDelivery(eventId, "FAILED", Duration.ofSeconds(30)).getString("[0].id");
        healed.set(true);

        io.restassured.RestAssured.given().header("Authorization", "Bearer test-operator-token")
                .when().post("/api/operator/webhooks/deliveries/" + id + "/redeliver").then().statusCode(202);

        JsonPath revived = SchedulingRecords.awaitDelivery(eventId, "DELIVERED", Duration.ofSeconds(20));
        assertThat(revived.getString("[0].id")).isEqualTo(id);
        assertThat(receiver.received(path).stream().map(r -> r.headers().get("webhook-id")).distinct()).containsExactly(id);
    }

    @Test
    void redeliveringADeliveryWhileItIsBeingAttemptedIsRefusedAndItIsSentOnce() {
        long eventId = SchedulingRecords.newEventId();
        String path = "/in-flight-" + eventId;
        receiver.answer(path, n -> new Answer(200, Map.of(), 1_500));
        records.created(eventId, "default", receiver.url(path));
        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received(path).isEmpty());
        String id = SchedulingRecords.deliveriesOf(eventId).getString("[0].id");

        io.restassured.RestAssured.given().header("Authorization", "Bearer test-operator-token")
                .when().post("/api/operator/webhooks/deliveries/" + id + "/redeliver")
                .then().statusCode(409)
                .body("error", org.hamcrest.Matchers.equalTo("Conflict"))
                .body("message", org.hamcrest.Matchers.equalTo("Delivery " + id + " is pending: it is attempted on its schedule"));

        SchedulingRecords.awaitDelivery(eventId, "DELIVERED", Duration.ofSeconds(20));
        assertThat(receiver.received(path)).hasSize(1);
    }

    @Test
    void theOperatorApiNeedsTheOperatorToken() {
        io.restassured.RestAssured.given().when().get("/api/operator/webhooks/deliveries").then().statusCode(401);
        io.restassured.RestAssured.given().header("Authorization", "Bearer test-operator-token")
                .when().get("/api/operator/webhooks/deliveries/" + UUID.randomUUID()).then().statusCode(404);
    }
}
