package dev.tavern.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.restassured.path.json.JsonPath;

import dev.tavern.infra.contract.TopicContract;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicWriter;

/** Writes contract-valid scheduling records and reads deliveries back through the operator API. */
public final class SchedulingRecords implements AutoCloseable {

    public static final String TOPIC = "tavern.scheduling.events.v1";
    private static final TopicContract CONTRACT = TopicContract.of(TOPIC);
    private static final AtomicLong EVENT_IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L);

    private static SchedulingRecords shared;
    private static WebhookReceiver receiver;

    private final TopicWriter topic = new TopicWriter(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers());

    /** The writer shared by this test JVM's classes, closed when the JVM exits. */
    public static synchronized SchedulingRecords shared() {
        if (shared == null) {
            shared = new SchedulingRecords();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** The receiver shared by this test JVM's classes; each test uses paths of its own. */
    public static synchronized WebhookReceiver receiver() {
        if (receiver == null) {
            receiver = new WebhookReceiver();
            Runtime.getRuntime().addShutdownHook(new Thread(receiver::close));
        }
        return receiver;
    }

    public static long newEventId() {
        return EVENT_IDS.incrementAndGet();
    }

    public void created(long eventId, String tenantId, String fromUrl) {
        publish(eventId, tenantId, "CREATED", fromUrl, ",\"status\":\"VOTING\"", Map.of());
    }

    /** A CREATED record in a trace, as the scheduler's traced relay writes it. */
    public void createdInTrace(long eventId, String fromUrl, String traceParent) {
        publish(eventId, "default", "CREATED", fromUrl, ",\"status\":\"VOTING\"", Map.of("traceparent", traceParent));
    }

    public void finalized(long eventId, String tenantId, String fromUrl) {
        publish(eventId, tenantId, "FINALIZED", fromUrl, ",\"status\":\"FINALIZED\",\"finalizedSlot\":{\"id\":456,"
                + "\"startTime\":\"2023-12-01T18:00:00Z\",\"endTime\":\"2023-12-01T22:00:00Z\"},\"attendees\":[\"Leeroy\"],"
                + "\"waitlist\":[],\"location\":\"Blackrock Depths\"", Map.of());
    }

    private void publish(long eventId, String tenantId, String type, String fromUrl, String rest, Map<String, String> headers) {
        String value = "{\"type\":\"" + type + "\",\"eventId\":" + eventId + ",\"tenantId\":\"" + tenantId + "\","
                + "\"slug\":\"s" + eventId + "\",\"link\":\"https://tavern.test/e/s" + eventId + "\",\"title\":\"Raid Night\","
                + "\"fromUrl\":\"" + fromUrl + "\",\"fromUrlId\":\"raid-101\"" + rest + ",\"occurredAt\":\"2023-11-25T14:00:00Z\"}";
        CONTRACT.assertValid(value);
        topic.send(TOPIC, Long.toString(eventId), UUID.randomUUID().toString(), "tavern.scheduling.event." + type.toLowerCase(), value,
                headers);
    }

    /** The event's first delivery as the operator API shows it, once it has the given status. */
    public static JsonPath awaitDelivery(long eventId, String status, Duration timeout) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> deliveriesOf(eventId),
                deliveries -> deliveries.getList("status").contains(status));
    }

    public static JsonPath deliveriesOf(long eventId) {
        return given().header("Authorization", "Bearer test-operator-token").queryParam("eventId", eventId)
                .when().get("/api/operator/webhooks/deliveries").then().statusCode(200).extract().jsonPath();
    }

    /** Attempts the event's first delivery has had so far. */
    public static int deliveryAttempts(long eventId) {
        List<Integer> counts = deliveriesOf(eventId).getList("attemptCount", Integer.class);
        return counts.isEmpty() ? 0 : counts.get(0);
    }

    /**
     * Makes a name resolve from now on, in the hosts file this test JVM resolves with (a copy in target, read on every
     * look-up, with failed look-ups not cached: see the pom).
     */
    public static void resolve(String host, String address) throws IOException {
        Files.writeString(Path.of(System.getProperty("jdk.net.hosts.file")), address + " " + host + "\n", StandardOpenOption.APPEND);
    }

    @Override
    public void close() {
        topic.close();
    }
}
