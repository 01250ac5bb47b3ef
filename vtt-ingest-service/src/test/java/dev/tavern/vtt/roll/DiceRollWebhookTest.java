package dev.tavern.vtt.roll;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tavern.infra.contract.TopicContract;
import dev.tavern.infra.test.RecordedSpans;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicProbe;
import dev.tavern.vtt.IngestApi;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The VTT API document's examples and cURL calls, verbatim, and what each puts on the topic. */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class DiceRollWebhookTest {

    private static final TopicContract CONTRACT = TopicContract.of(DiceRollService.TOPIC);

    @Inject
    Pool pool;

    private TopicProbe topic;
    private IngestApi vtt;

    @BeforeEach
    void connectAVtt() {
        topic = TopicProbe.from(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers(), DiceRollService.TOPIC);
        vtt = IngestApi.tenantWithCampaign("foundry-world-123");
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    @Test
    void theDocumentsTestCallAnswersTheConnection() {
        given().header("Authorization", "Bearer " + vtt.apiKey)
                .when().post("/webhooks/vtt/test")
                .then().statusCode(200)
                .body("success", equalTo(true))
                .body("message", equalTo("Connection test successful"))
                .body("connection.id", equalTo(vtt.connectionId))
                .body("connection.name", equalTo("My Foundry Connection"))
                .body("connection.provider", equalTo("Foundry VTT"))
                .body("connection.status", equalTo("active"));
    }

    @Test
    void aRollsRecordContinuesTheTraceOfItsRequest() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String clientSpanId = "b7ad6b7169203331";

        String rollId = given().header("Authorization", "Bearer " + vtt.apiKey)
                .header("traceparent", "00-" + traceId + "-" + clientSpanId + "-01")
                .contentType(ContentType.JSON).body(vtt.normalRoll("roll-traced"))
                .when().post("/webhooks/vtt/dice-roll").then().statusCode(200).extract().path("rollId");

        ConsumerRecord<String, String> record = topic.await(r -> r.value().contains(rollId), Duration.ofSeconds(20));
        SpanData server = await().atMost(Duration.ofSeconds(10))
                .until(() -> RecordedSpans.find(span -> span.getKind() == SpanKind.SERVER && span.getTraceId().equals(traceId)),
                        Optional::isPresent).orElseThrow();
        assertThat(server.getParentSpanId()).isEqualTo(clientSpanId);
        assertThat(server.getName()).contains("/webhooks/vtt/dice-roll");
        // The relay's publish span is in the request's trace, and the record's header carries it on to the consumers.
        SpanData publish = await().atMost(Duration.ofSeconds(10))
                .until(() -> RecordedSpans.find(span -> span.getKind() == SpanKind.PRODUCER && span.getTraceId().equals(traceId)),
                        Optional::isPresent).orElseThrow();
        assertThat(publish.getName()).isEqualTo(DiceRollService.TOPIC + " publish");
        assertThat(TopicProbe.header(record, "traceparent")).hasValue("00-" + traceId + "-" + publish.getSpanId() + "-01");
    }

    @Test
    void theDocumentsExampleRollsAreRecordedAndPublished() throws Exception {
        for (String example : List.of("normal-roll", "critical-success", "critical-failure", "hidden-roll", "curl-dice-roll")) {
            String body = Files.readString(Path.of("src/test/resources/vtt-api-examples/" + example + ".json"));
            String rollId = vtt.postRoll(body).statusCode(200)
                    .body("success", equalTo(true))
                    .body("message", equalTo("Dice roll recorded successfully"))
                    .body("rollId", matchesPattern("[0-9a-f-]{36}"))
                    .extract().path("rollId");

            ConsumerRecord<String, String> record = topic.await(r -> r.value().contains(rollId), Duration.ofSeconds(20));
            assertThat(record.key()).isEqualTo(vtt.campaignId);
            JsonNode value = CONTRACT.assertValid(record.value());
            JsonNode sent = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            assertThat(value.get("vttRollId").asText()).isEqualTo(sent.get("rollId").asText());
            assertThat(value.get("characterName").asText()).isEqualTo(sent.get("characterName").asText());
            assertThat(value.get("result").decimalValue()).isEqualByComparingTo(sent.get("result").decimalValue());
            assertThat(value.get("isCritical").asBoolean()).isEqualTo(sent.path("isCritical").asBoolean(false));
            assertThat(value.get("isHidden").asBoolean()).isEqualTo(sent.path("isHidden").asBoolean(false));
            assertThat(value.get("criticalType").isNull() ? null : value.get("criticalType").asText())
                    .isEqualTo(sent.path("criticalType").isMissingNode() || sent.get("criticalType").isNull() ? null : sent.get("criticalType").asText());
        }
    }

    @Test
    void aRepeatedRollIdAnswersTheFirstRecordingAndIsPublishedOnce() {
        String first = vtt.postRoll(vtt.normalRoll("roll-repeat")).statusCode(200).extract().path("rollId");
        String second = vtt.postRoll(vtt.normalRoll("roll-repeat")).statusCode(200).extract().path("rollId");
        String marker = vtt.postRoll(vtt.normalRoll("roll-after-repeat")).statusCode(200).extract().path("rollId");

        assertThat(second).isEqualTo(first);
        topic.await(r -> r.value().contains(marker), Duration.ofSeconds(20));
        assertThat(topic.matching(r -> r.value().contains(first))).hasSize(1);
    }

    @Test
    void aKnownCharactersRowIsWrittenOnlyWhenItsNameChanges() {
        IngestApi own = IngestApi.tenantWithCampaign("world-character-" + UUID.randomUUID());
        own.postRoll(own.normalRoll("first-sight")).statusCode(200);
        long created = characterRowVersion(own);

        own.postRoll(own.normalRoll("same-name-1")).statusCode(200);
        own.postRoll(own.normalRoll("same-name-2")).statusCode(200);
        // xmin is the transaction that last wrote the row: rolls under an unchanged name leave it alone.
        assertThat(characterRowVersion(own)).isEqualTo(created);

        own.postRoll(own.normalRoll("new-name").replace("\"Gimli\"", "\"Gimli, son of Glóin\"")).statusCode(200);
        assertThat(characterRowVersion(own)).isNotEqualTo(created);
        own.asAdmin().when().get("/api/campaigns/" + own.campaignId + "/characters").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].name", equalTo("Gimli, son of Glóin"));
    }

    /**
     * A roll takes no lock on its character's row that another roll would wait for: while a transaction holds the row
     * FOR NO KEY UPDATE (as any writer of it would), a roll of the character is still recorded at once. Only the roll's
     * foreign key check locks the row, FOR KEY SHARE, which no roll conflicts with.
     */
    @Test
    void aRollDoesNotWaitForALockOnItsCharacter() throws Exception {
        IngestApi own = IngestApi.tenantWithCampaign("world-unlocked-" + UUID.randomUUID());
        own.postRoll(own.normalRoll("first-sight")).statusCode(200);
        SqlConnection holder = pool.getConnection().await().indefinitely();
        try {
            holder.query("BEGIN").execute().await().indefinitely();
            holder.preparedQuery("SELECT 1 FROM vtt_ingest.game_character WHERE campaign_id = $1 FOR NO KEY UPDATE")
                    .execute(Tuple.of(UUID.fromString(own.campaignId))).await().indefinitely();

            int status = CompletableFuture.supplyAsync(() -> own.postRoll(own.normalRoll("while-locked")).extract().statusCode())
                    .get(5, TimeUnit.SECONDS);

            assertThat(status).isEqualTo(200);
        } finally {
            holder.query("ROLLBACK").execute().await().indefinitely();
            holder.close().await().indefinitely();
        }
    }

    private long characterRowVersion(IngestApi own) {
        return pool.preparedQuery("SELECT xmin::text::bigint FROM vtt_ingest.game_character WHERE campaign_id = $1 AND vtt_character_id = $2")
                .execute(Tuple.of(UUID.fromString(own.campaignId), "char-456")).await().indefinitely()
                .iterator().next().getLong(0);
    }

    @Test
    void aRepeatedRollIdChangesNothingNotEvenTheCharacter() {
        IngestApi own = IngestApi.tenantWithCampaign("world-repeat-" + UUID.randomUUID());
        String first = own.postRoll(own.normalRoll("roll-once")).statusCode(200).extract().path("rollId");

        String renamed = own.postRoll(own.normalRoll("roll-once").replace("\"Gimli\"", "\"Legolas\"")).statusCode(200)
                .body("rollId", equalTo(first)).extract().path("rollId");
        String otherCharacter = own.postRoll(own.normalRoll("roll-once").replace("\"char-456\"", "\"char-new\""))
                .statusCode(200).extract().path("rollId");

        assertThat(renamed).isEqualTo(first);
        assertThat(otherCharacter).isEqualTo(first);
        own.asAdmin().when().get("/api/campaigns/" + own.campaignId + "/characters").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].vttCharacterId", equalTo("char-456"))
                .body("[0].name", equalTo("Gimli"));
    }

    @Test
    void aCriticalWithoutCriticalTypeIsRecordedAsACriticalOfNoStatedKind() throws Exception {
        String rollId = vtt.postRoll(vtt.normalRoll("roll-untyped-critical").replace("\"isCritical\":false", "\"isCritical\":true"))
                .statusCode(200).extract().path("rollId");

        JsonNode value = CONTRACT.assertValid(topic.await(r -> r.value().contains(rollId), Duration.ofSeconds(20)).value());
        assertThat(value.get("isCritical").asBoolean()).isTrue();
        assertThat(value.get("criticalType").isNull()).isTrue();
    }

    @Test
    void concurrentDuplicatesStoreOneRowAndPublishOneRecord() {
        String rollId = "roll-race-" + UUID.randomUUID();
        List<CompletableFuture<String>> posts = IntStream.range(0, 12)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> vtt.postRoll(vtt.normalRoll(rollId)).statusCode(200)
                        .extract().<String>path("rollId")))
                .toList();
        List<String> answered = posts.stream().map(CompletableFuture::join).distinct().toList();
        String marker = vtt.postRoll(vtt.normalRoll(rollId + "-marker")).statusCode(200).extract().path("rollId");

        assertThat(answered).hasSize(1);
        long rows = pool.preparedQuery("SELECT count(*) FROM vtt_ingest.dice_roll WHERE vtt_roll_id = $1").execute(Tuple.of(rollId))
                .map(r -> r.iterator().next().getLong(0)).await().atMost(Duration.ofSeconds(10));
        assertThat(rows).isEqualTo(1);
        topic.await(r -> r.value().contains(marker), Duration.ofSeconds(20));
        assertThat(topic.matching(r -> r.value().contains(answered.get(0)))).hasSize(1);
    }

    @Test
    void unknownCharactersAreCreatedOnFirstSightAndNamesFollowTheVtt() {
        vtt.postRoll(vtt.normalRoll("roll-name-1")).statusCode(200);
        vtt.postRoll(vtt.normalRoll("roll-name-2").replace("\"Gimli\"", "\"Gimli, son of Gloin\"")).statusCode(200);

        vtt.asAdmin().when().get("/api/campaigns/" + vtt.campaignId + "/characters").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].vttCharacterId", equalTo("char-456"))
                .body("[0].name", equalTo("Gimli, son of Gloin"));
    }
}
