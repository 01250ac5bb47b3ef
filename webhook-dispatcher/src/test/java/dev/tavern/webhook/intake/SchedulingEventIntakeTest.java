package dev.tavern.webhook.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tavern.infra.contract.TopicContract;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicProbe;
import dev.tavern.infra.test.TopicWriter;
import dev.tavern.webhook.WebhookReceiver;
import dev.tavern.webhook.WebhookReceiver.Received;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Scheduling records on the real topic become webhooks POSTed to a real receiver. */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class SchedulingEventIntakeTest {

    private static final String TOPIC = "tavern.scheduling.events.v1";
    private static final TopicContract CONTRACT = TopicContract.of(TOPIC);

    private static WebhookReceiver receiver;
    private static TopicWriter topic;

    @BeforeAll
    static void start() {
        receiver = new WebhookReceiver();
        topic = new TopicWriter(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers());
    }

    @AfterAll
    static void stop() {
        receiver.close();
        topic.close();
    }

    @Test
    void createdRecordIsPostedInTheGuidesShape() {
        String path = "/created-" + UUID.randomUUID();
        publishCreated(123, path, "\"raid-101\"", UUID.randomUUID().toString());

        Received webhook = awaitWebhooks(path, 1).get(0);

        assertThat(webhook.body()).isEqualTo("{\"type\":\"CREATED\",\"eventId\":123,\"fromUrlId\":\"raid-101\",\"slug\":\"8f8f8f8f\","
                + "\"link\":\"https://tabletoptime.us/e/8f8f8f8f\",\"title\":\"Raid Night\",\"timestamp\":\"2023-11-25T14:00:00.000Z\"}");
        assertThat(webhook.headers()).containsEntry("content-type", "application/json");
        assertThat(webhook.headers().get("user-agent")).startsWith("Tavern-Webhooks/");
        assertThat(webhook.headers().get("webhook-id")).isNotBlank();
        assertThat(webhook.headers().get("webhook-timestamp")).matches("\\d{10}");
    }

    @Test
    void absentFromUrlIdIsSentAsNull() {
        String path = "/no-id-" + UUID.randomUUID();
        publishCreated(124, path, "null", UUID.randomUUID().toString());

        assertThat(awaitWebhooks(path, 1).get(0).body()).contains("\"fromUrlId\":null");
    }

    @Test
    void aRedeliveredRecordIsSentOnce() {
        String path = "/dup-" + UUID.randomUUID();
        String ceId = UUID.randomUUID().toString();
        publishCreated(125, path, "\"dup\"", ceId);
        publishCreated(125, path, "\"dup\"", ceId);
        // Same key, same partition: once the marker is delivered, the duplicate has been consumed too.
        String markerPath = path + "-marker";
        publishCreated(125, markerPath, "\"marker\"", UUID.randomUUID().toString());

        awaitWebhooks(markerPath, 1);
        assertThat(receiver.received(path)).hasSize(1);
    }

    @Test
    void finalizedRecordIsPostedInTheGuidesShape() {
        String path = "/finalized-" + UUID.randomUUID();
        publish(126, "FINALIZED", path, ",\"status\":\"FINALIZED\",\"finalizedSlot\":{\"id\":456,\"startTime\":\"2023-12-01T18:00:00Z\","
                + "\"endTime\":\"2023-12-01T22:00:00Z\"},\"attendees\":[\"Leeroy\",\"Jaina\"],\"waitlist\":[\"Thrall\"],"
                + "\"location\":\"Blackrock Depths\",\"occurredAt\":\"2023-11-28T10:00:00Z\"");

        assertThat(awaitWebhooks(path, 1).get(0).body()).isEqualTo("{\"type\":\"FINALIZED\",\"eventId\":126,\"fromUrlId\":\"raid-101\","
                + "\"slug\":\"8f8f8f8f\",\"link\":\"https://tabletoptime.us/e/8f8f8f8f\",\"title\":\"Raid Night\","
                + "\"finalizedSlot\":{\"id\":456,\"startTime\":\"2023-12-01T18:00:00.000Z\",\"endTime\":\"2023-12-01T22:00:00.000Z\"},"
                + "\"attendees\":[\"Leeroy\",\"Jaina\"],\"waitlist\":[\"Thrall\"],\"location\":\"Blackrock Depths\","
                + "\"timestamp\":\"2023-11-28T10:00:00.000Z\"}");
    }

    @Test
    void anUpdateAfterFinalizationIsPostedAsFinalizedWithTheNewLists() {
        String path = "/updated-" + UUID.randomUUID();
        publish(127, "UPDATED", path, ",\"status\":\"FINALIZED\",\"finalizedSlot\":{\"id\":456,\"startTime\":\"2023-12-01T18:00:00Z\","
                + "\"endTime\":\"2023-12-01T22:00:00Z\"},\"attendees\":[\"Jaina\",\"Thrall\"],\"waitlist\":[],"
                + "\"location\":\"Blackrock Depths\",\"occurredAt\":\"2023-11-28T11:00:00Z\"");

        assertThat(awaitWebhooks(path, 1).get(0).body()).startsWith("{\"type\":\"FINALIZED\",\"eventId\":127,")
                .contains("\"attendees\":[\"Jaina\",\"Thrall\"],\"waitlist\":[]");
    }

    @Test
    void cancelledRecordIsPostedInTheGuidesShape() {
        String path = "/cancelled-" + UUID.randomUUID();
        publish(128, "CANCELLED", path, ",\"status\":\"CANCELLED\",\"occurredAt\":\"2023-11-29T09:00:00Z\"");

        assertThat(awaitWebhooks(path, 1).get(0).body()).isEqualTo("{\"type\":\"CANCELLED\",\"eventId\":128,\"fromUrlId\":\"raid-101\","
                + "\"slug\":\"8f8f8f8f\",\"title\":\"Raid Night\",\"timestamp\":\"2023-11-29T09:00:00.000Z\"}");
    }

    @Test
    void recordsNoWebhookCanBeMadeOfGoToTheDeadLetterTopicWithoutHoldingUpTheirPartition() {
        long eventId = 129;
        String path = "/poison-" + UUID.randomUUID();
        String notJson = topic.send(TOPIC, Long.toString(eventId), "tavern.scheduling.event.created", "{not json");
        String unknownType = topic.send(TOPIC, Long.toString(eventId), "tavern.scheduling.event.rescheduled",
                "{\"type\":\"RESCHEDULED\",\"eventId\":129,\"fromUrl\":\"" + receiver.url(path) + "\",\"occurredAt\":\"2023-11-25T14:00:00Z\"}");
        String noSlot = topic.send(TOPIC, Long.toString(eventId), "tavern.scheduling.event.finalized",
                "{\"type\":\"FINALIZED\",\"eventId\":129,\"fromUrl\":\"" + receiver.url(path) + "\",\"occurredAt\":\"2023-11-25T14:00:00Z\"}");
        // Same key, same partition, after the three: delivered only if they did not block it.
        String markerPath = path + "-marker";
        publishCreated(eventId, markerPath, "\"marker\"", UUID.randomUUID().toString());

        awaitWebhooks(markerPath, 1);
        try (TopicProbe deadLetters = TopicProbe.from(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers(),
                TOPIC + ".dlq")) {
            List<String> ids = List.of(notJson, unknownType, noSlot);
            deadLetters.awaitAll(r -> ids.contains(TopicProbe.header(r, "ce_id").orElse("")), 3, Duration.ofSeconds(30));
        }
        assertThat(receiver.received(path)).isEmpty();
    }

    private void publish(long eventId, String type, String path, String rest) {
        String value = "{\"type\":\"" + type + "\",\"eventId\":" + eventId + ",\"tenantId\":\"default\",\"slug\":\"8f8f8f8f\","
                + "\"link\":\"https://tabletoptime.us/e/8f8f8f8f\",\"title\":\"Raid Night\",\"fromUrl\":\"" + receiver.url(path)
                + "\",\"fromUrlId\":\"raid-101\"" + rest + "}";
        CONTRACT.assertValid(value);
        topic.send(TOPIC, Long.toString(eventId), UUID.randomUUID().toString(), "tavern.scheduling.event." + type.toLowerCase(), value);
    }

    private void publishCreated(long eventId, String path, String fromUrlIdJson, String ceId) {
        String value = """
                {"type":"CREATED","eventId":%d,"tenantId":"default","slug":"8f8f8f8f",
                 "link":"https://tabletoptime.us/e/8f8f8f8f","title":"Raid Night","status":"VOTING",
                 "fromUrl":"%s","fromUrlId":%s,"occurredAt":"2023-11-25T14:00:00Z"}
                """.formatted(eventId, receiver.url(path), fromUrlIdJson);
        CONTRACT.assertValid(value);
        topic.send(TOPIC, Long.toString(eventId), ceId, "tavern.scheduling.event.created", value);
    }

    private static List<Received> awaitWebhooks(String path, int count) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.received(path), received -> received.size() >= count);
    }
}
