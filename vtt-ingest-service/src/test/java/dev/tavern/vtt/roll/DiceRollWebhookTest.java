package dev.tavern.vtt.roll;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tavern.infra.contract.TopicContract;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicProbe;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class DiceRollWebhookTest {

    private static final TopicContract CONTRACT = TopicContract.of(DiceRollService.TOPIC);
    private static final String OPERATOR = "Bearer test-operator-token";

    private TopicProbe topic;
    private String apiKey;
    private String campaignId;
    private String worldId;

    @BeforeEach
    void connectAVtt() {
        topic = TopicProbe.from(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers(), DiceRollService.TOPIC);
        apiKey = given().header("Authorization", OPERATOR).contentType(ContentType.JSON)
                .body("{\"name\":\"My Foundry Connection\",\"provider\":\"Foundry VTT\"}")
                .when().post("/api/vtt-connections")
                .then().statusCode(201).body("apiKey", matchesPattern("ta_[A-Za-z0-9_-]{43}"))
                .extract().path("apiKey");
        String connectionId = given().header("Authorization", "Bearer " + apiKey)
                .when().post("/webhooks/vtt/test")
                .then().statusCode(200)
                .body("success", equalTo(true))
                .body("message", equalTo("Connection test successful"))
                .body("connection.name", equalTo("My Foundry Connection"))
                .body("connection.provider", equalTo("Foundry VTT"))
                .body("connection.status", equalTo("active"))
                .extract().path("connection.id");
        worldId = "foundry-world-" + UUID.randomUUID();
        campaignId = given().header("Authorization", OPERATOR).contentType(ContentType.JSON)
                .body("{\"name\":\"Moria\",\"connectionId\":\"" + connectionId + "\",\"vttCampaignId\":\"" + worldId + "\"}")
                .when().post("/api/campaigns")
                .then().statusCode(201).extract().path("id");
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    @Test
    void aRecordedRollIsAnsweredAndPublishedForItsCampaign() {
        String rollId = given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON)
                .body(normalRoll("roll-789"))
                .when().post("/webhooks/vtt/dice-roll")
                .then().statusCode(200)
                .body("success", equalTo(true))
                .body("message", equalTo("Dice roll recorded successfully"))
                .extract().path("rollId");

        ConsumerRecord<String, String> record = topic.await(r -> r.key().equals(campaignId), Duration.ofSeconds(20));
        JsonNode value = CONTRACT.assertValid(record.value());
        assertThat(value.get("id").asText()).isEqualTo(rollId);
        assertThat(value.get("campaignId").asText()).isEqualTo(campaignId);
        assertThat(value.get("vttCampaignId").asText()).isEqualTo(worldId);
        assertThat(value.get("characterName").asText()).isEqualTo("Gimli");
        assertThat(value.get("rollFormula").asText()).isEqualTo("1d20+5");
        assertThat(value.get("result").asDouble()).isEqualTo(18);
        assertThat(value.get("isHidden").asBoolean()).isFalse();
        assertThat(TopicProbe.header(record, "ce_type")).contains("tavern.vtt.dice-roll.recorded");
    }

    @Test
    void aRepeatedRollIdAnswersTheFirstRecordingAndIsPublishedOnce() {
        String first = postRoll("roll-repeat");
        String second = postRoll("roll-repeat");
        String marker = postRoll("roll-after-repeat");

        assertThat(second).isEqualTo(first);
        topic.await(r -> r.value().contains(marker), Duration.ofSeconds(20));
        assertThat(topic.matching(r -> r.value().contains(first))).hasSize(1);
    }

    @Test
    void anUnknownKeyIsRefused() {
        given().header("Authorization", "Bearer ta_unknown").contentType(ContentType.JSON)
                .body(normalRoll("roll-1"))
                .when().post("/webhooks/vtt/dice-roll")
                .then().statusCode(401).body("error", equalTo("Invalid API Key"));
    }

    @Test
    void anUnknownCampaignIsNotFound() {
        given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON)
                .body(normalRoll("roll-1").replace(worldId, "foundry-world-123"))
                .when().post("/webhooks/vtt/dice-roll")
                .then().statusCode(404)
                .body("error", equalTo("Campaign not found"))
                .body("message", equalTo("No campaign found for VTT campaign ID: foundry-world-123"));
    }

    @Test
    void aMissingFieldIsAValidationFailure() {
        given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON)
                .body(normalRoll("roll-1").replace("\"rollFormula\": \"1d20+5\",", ""))
                .when().post("/webhooks/vtt/dice-roll")
                .then().statusCode(400)
                .body("error", equalTo("Validation failed"))
                .body("details.rollFormula[0]", equalTo("Roll formula is required"));
    }

    private String postRoll(String rollId) {
        return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON)
                .body(normalRoll(rollId))
                .when().post("/webhooks/vtt/dice-roll")
                .then().statusCode(200).extract().path("rollId");
    }

    private String normalRoll(String rollId) {
        return """
                {
                  "campaignId": "%s",
                  "characterId": "char-456",
                  "characterName": "Gimli",
                  "rollId": "%s",
                  "rollFormula": "1d20+5",
                  "result": 18,
                  "diceResults": [13, 5],
                  "isCritical": false,
                  "criticalType": null,
                  "isHidden": false,
                  "rollType": "attack",
                  "metadata": {
                    "foundryMessageId": "msg-abc",
                    "timestamp": 1704067200000
                  }
                }
                """.formatted(worldId, rollId);
    }
}
