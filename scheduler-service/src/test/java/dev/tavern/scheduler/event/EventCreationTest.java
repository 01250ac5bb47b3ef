package dev.tavern.scheduler.event;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tavern.infra.contract.TopicContract;
import dev.tavern.infra.test.RecordedSpans;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicProbe;
import dev.tavern.scheduler.topic.SchedulingEvents;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class EventCreationTest {

    private static final TopicContract CONTRACT = TopicContract.of(SchedulingEvents.TOPIC);
    private TopicProbe topic;

    @BeforeEach
    void openTopic() {
        topic = TopicProbe.from(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers(), SchedulingEvents.TOPIC);
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    @Test
    void creationAnswersSlugAndHostTokenAndAnnouncesTheEvent() {
        JsonPath created = given().contentType(ContentType.JSON)
                .body("""
                        {"title":"Raid Night","minPlayers":8,"fromUrl":"https://api.myguild.com/events/callback","fromUrlId":"raid-101"}
                        """)
                .when().post("/api/events")
                .then().statusCode(201)
                .header("Location", containsString("/api/events/"))
                .body("slug", matchesPattern("[A-Za-z0-9_-]{16}"))
                .body("hostToken", matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("id", notNullValue())
                .extract().jsonPath();
        long id = created.getLong("id");
        String slug = created.getString("slug");

        ConsumerRecord<String, String> record = topic.await(r -> r.key().equals(Long.toString(id)), Duration.ofSeconds(20));

        JsonNode value = CONTRACT.assertValid(record.value());
        assertThat(value.get("type").asText()).isEqualTo("CREATED");
        assertThat(value.get("eventId").asLong()).isEqualTo(id);
        assertThat(value.get("slug").asText()).isEqualTo(slug);
        assertThat(value.get("link").asText()).isEqualTo("http://localhost:8080/e/" + slug);
        assertThat(value.get("title").asText()).isEqualTo("Raid Night");
        assertThat(value.get("fromUrl").asText()).isEqualTo("https://api.myguild.com/events/callback");
        assertThat(value.get("fromUrlId").asText()).isEqualTo("raid-101");
        assertThat(TopicProbe.header(record, "ce_type")).contains("tavern.scheduling.event.created");
        assertThat(TopicProbe.header(record, "ce_source")).contains("/tavern/scheduler-service");
        assertThat(TopicProbe.header(record, "ce_specversion")).contains("1.0");
        assertThat(TopicProbe.header(record, "ce_id")).get().asString().matches("[0-9a-f-]{36}");
        assertThat(TopicProbe.header(record, "ce_time")).isPresent();
        assertThat(record.value()).doesNotContain(created.getString("hostToken"));
    }

    @Test
    void theAnnouncementContinuesTheTraceOfTheCreatingRequest() {
        String traceId = "7a3c5e1f9b2d4a6c8e0f1a2b3c4d5e6f";
        String clientSpanId = "1a2b3c4d5e6f7a8b";

        long id = given().header("traceparent", "00-" + traceId + "-" + clientSpanId + "-01").contentType(ContentType.JSON)
                .body("{\"title\":\"Traced\",\"fromUrl\":\"http://127.0.0.1:9/hook\",\"slots\":[]}")
                .when().post("/api/events").then().statusCode(201).extract().jsonPath().getLong("id");

        ConsumerRecord<String, String> record = topic.await(r -> r.key().equals(Long.toString(id)), Duration.ofSeconds(20));
        // The relay's producer span is in the request's trace, and its header takes it on to the dispatcher.
        assertThat(TopicProbe.header(record, "traceparent")).get().asString().startsWith("00-" + traceId + "-");
        SpanData server = await().atMost(Duration.ofSeconds(10))
                .until(() -> RecordedSpans.find(span -> span.getKind() == SpanKind.SERVER && span.getTraceId().equals(traceId)),
                        Optional::isPresent).orElseThrow();
        assertThat(server.getParentSpanId()).isEqualTo(clientSpanId);
    }

    @Test
    void creationWithoutFromUrlAnnouncesNullFromUrl() {
        long id = given().contentType(ContentType.JSON).body("{\"title\":\"Board game night\"}")
                .when().post("/api/events")
                .then().statusCode(201).extract().jsonPath().getLong("id");

        JsonNode value = CONTRACT.assertValid(
                topic.await(r -> r.key().equals(Long.toString(id)), Duration.ofSeconds(20)).value());
        assertThat(value.get("fromUrl").isNull()).isTrue();
        assertThat(value.get("fromUrlId").isNull()).isTrue();
    }

    @Test
    void invalidInputIsRefusedWithFieldDetailsAndAnnouncesNothing() {
        given().contentType(ContentType.JSON).body("{\"title\":\" \",\"minPlayers\":0}")
                .when().post("/api/events")
                .then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("Validation failed"))
                .body("details", hasKey("title"))
                .body("details", hasKey("minPlayers"));
    }

    @Test
    void malformedJsonIsABadRequest() {
        given().contentType(ContentType.JSON).body("{\"title\":")
                .when().post("/api/events")
                .then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("Validation failed"));
    }
}
