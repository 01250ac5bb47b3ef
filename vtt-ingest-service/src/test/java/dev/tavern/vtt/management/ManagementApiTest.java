package dev.tavern.vtt.management;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.infra.contract.TopicContract;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicProbe;
import dev.tavern.vtt.IngestApi;
import dev.tavern.vtt.roll.DiceRollService;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The management API: tenant boundaries, keys, streamers and assignments, recent rolls, subscription tokens. */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class ManagementApiTest {

    @Test
    void aTenantOnlyReachesItsOwnResources() {
        IngestApi mine = IngestApi.tenantWithCampaign("world-mine");
        IngestApi theirs = IngestApi.tenantWithCampaign("world-theirs");

        theirs.asAdmin().when().get("/api/campaigns/" + mine.campaignId).then().statusCode(404);
        theirs.asAdmin().when().post("/api/vtt-connections/" + mine.connectionId + "/revoke").then().statusCode(404);
        theirs.asAdmin().body("{\"name\":\"x\",\"connectionId\":\"" + mine.connectionId + "\",\"vttCampaignId\":\"w\"}")
                .when().post("/api/campaigns").then().statusCode(400);
        given().when().get("/api/campaigns").then().statusCode(401).body("error", equalTo("Invalid admin key"));
        given().header("Authorization", "Bearer " + mine.apiKey).when().get("/api/campaigns").then().statusCode(401);
        // An API key reaches only its own tenant's campaigns: theirs has no campaign for this world id.
        theirs.postRoll(mine.normalRoll("roll-cross").replace(mine.worldId, "world-mine")).statusCode(404)
                .body("error", equalTo("Campaign not found"))
                .body("message", equalTo("No campaign found for VTT campaign ID: world-mine"));
    }

    @Test
    void rotatedAndRevokedKeysAreRefused() {
        IngestApi vtt = IngestApi.tenantWithCampaign("world-keys");
        String rotated = vtt.asAdmin().when().post("/api/vtt-connections/" + vtt.connectionId + "/rotate-key")
                .then().statusCode(200).extract().path("apiKey");

        given().header("Authorization", "Bearer " + vtt.apiKey).when().post("/webhooks/vtt/test").then().statusCode(401)
                .body("error", equalTo("Invalid API Key"));
        given().header("Authorization", "Bearer " + rotated).when().post("/webhooks/vtt/test").then().statusCode(200);
        vtt.asAdmin().when().get("/api/vtt-connections/" + vtt.connectionId).then().statusCode(200)
                .body("apiKey", nullValue()).body("lastSeenAt", org.hamcrest.Matchers.notNullValue());

        vtt.asAdmin().when().post("/api/vtt-connections/" + vtt.connectionId + "/revoke").then().statusCode(200)
                .body("status", equalTo("revoked"));
        given().header("Authorization", "Bearer " + rotated).when().post("/webhooks/vtt/test").then().statusCode(401);
    }

    @Test
    void aDuplicateWorldIdOnOneConnectionIsAConflict() {
        IngestApi vtt = IngestApi.tenantWithCampaign("world-dup");
        vtt.asAdmin().body("{\"name\":\"Again\",\"connectionId\":\"" + vtt.connectionId + "\",\"vttCampaignId\":\"world-dup\"}")
                .when().post("/api/campaigns").then().statusCode(409);
    }

    @Test
    void rollsCarryTheStreamersTheyAreRoutedToAndHiddenOnesAreFlagged() throws Exception {
        IngestApi vtt = IngestApi.tenantWithCampaign("world-stream");
        String gimliStreamer = vtt.asAdmin().body("{\"displayName\":\"DwarfCam\"}").when().post("/api/streamers")
                .then().statusCode(201).extract().path("id");
        String otherStreamer = vtt.asAdmin().body("{\"displayName\":\"ElfCam\"}").when().post("/api/streamers")
                .then().statusCode(201).extract().path("id");
        String gimli = vtt.asAdmin().body("{\"vttCharacterId\":\"char-456\",\"name\":\"Gimli\"}")
                .when().post("/api/campaigns/" + vtt.campaignId + "/characters").then().statusCode(201).extract().path("id");
        String legolas = vtt.asAdmin().body("{\"vttCharacterId\":\"char-789\",\"name\":\"Legolas\"}")
                .when().post("/api/campaigns/" + vtt.campaignId + "/characters").then().statusCode(201).extract().path("id");
        vtt.asAdmin().body("{\"streamerId\":\"" + gimliStreamer + "\"}")
                .when().put("/api/campaigns/" + vtt.campaignId + "/characters/" + gimli + "/streamer").then().statusCode(200)
                .body("streamerId", equalTo(gimliStreamer));
        vtt.asAdmin().body("{\"streamerId\":\"" + otherStreamer + "\"}")
                .when().put("/api/campaigns/" + vtt.campaignId + "/characters/" + legolas + "/streamer").then().statusCode(200);

        try (TopicProbe topic = TopicProbe.from(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers(), DiceRollService.TOPIC)) {
            String rollId = vtt.postRoll(vtt.normalRoll("roll-routed")).statusCode(200).extract().path("rollId");
            String hiddenId = vtt.postRoll(vtt.normalRoll("roll-secret").replace("\"isHidden\":false", "\"isHidden\":true"))
                    .statusCode(200).extract().path("rollId");

            JsonNode record = TopicContract.of(DiceRollService.TOPIC).assertValid(
                    topic.await(r -> r.value().contains(rollId), Duration.ofSeconds(20)).value());
            assertThat(record.get("characterStreamerIds")).extracting(JsonNode::asText).containsExactly(gimliStreamer);
            assertThat(record.get("campaignStreamerIds")).extracting(JsonNode::asText).containsExactlyInAnyOrder(gimliStreamer, otherStreamer);

            vtt.asAdmin().when().get("/api/campaigns/" + vtt.campaignId + "/rolls").then().statusCode(200)
                    .body("rolls.size()", equalTo(2))
                    .body("rolls.find { it.id == '" + hiddenId + "' }.isHidden", equalTo(true))
                    .body("rolls.find { it.id == '" + rollId + "' }.isHidden", equalTo(false));
        }
    }

    @Test
    void subscriptionTokensAreSignedForOneChannelOfTheTenant() throws Exception {
        IngestApi vtt = IngestApi.tenantWithCampaign("world-token");
        IngestApi other = IngestApi.tenantWithCampaign("world-token-other");
        String channel = "campaign/" + vtt.campaignId + "/dice-rolls";

        String token = vtt.asAdmin().body("{\"channel\":\"" + channel + "\",\"ttlSeconds\":3600}")
                .when().post("/api/subscription-tokens").then().statusCode(201)
                .body("channel", equalTo(channel)).extract().path("token");

        String[] parts = token.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(publicKey());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.get("channel").asText()).isEqualTo(channel);
        assertThat(claims.get("aud").toString()).contains("tavern-broadcast");
        assertThat(claims.get("exp").asLong()).isBetween(System.currentTimeMillis() / 1000 + 3500, System.currentTimeMillis() / 1000 + 3700);
        assertThat(claims.get("jti").asText()).matches("[0-9a-f-]{36}");
        JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertThat(header.get("kid").asText()).isEqualTo("tavern-1");

        other.asAdmin().body("{\"channel\":\"" + channel + "\"}").when().post("/api/subscription-tokens").then().statusCode(404);
        vtt.asAdmin().body("{\"channel\":\"campaign/" + UUID.randomUUID() + "/chat\"}").when().post("/api/subscription-tokens").then().statusCode(400);
    }

    @Test
    void campaignTokensAreShortLivedAndOverlayLinksLongLivedWithinTheirMaximums() {
        IngestApi vtt = IngestApi.tenantWithCampaign("world-lifetimes");
        String campaign = "campaign/" + vtt.campaignId + "/dice-rolls";
        String streamer = "streamer/" + newStreamer(vtt) + "/dice-rolls";
        long now = System.currentTimeMillis() / 1000;

        assertThat(expiresIn(issue(vtt, campaign, null).statusCode(201), now)).isBetween(3_500L, 3_700L);
        issue(vtt, campaign, 86_401L).statusCode(400).body("details.ttlSeconds", hasSize(1));
        assertThat(expiresIn(issue(vtt, streamer, null).statusCode(201), now)).isBetween(90L * 86_400 - 100, 90L * 86_400 + 100);
        issue(vtt, streamer, 365L * 86_400).statusCode(201);
        issue(vtt, streamer, 365L * 86_400 + 1).statusCode(400).body("details.ttlSeconds", hasSize(1));
    }

    @Test
    void revokingATokenOrAWholeChannelAnnouncesEachTokenOnce() {
        IngestApi vtt = IngestApi.tenantWithCampaign("world-revoke");
        IngestApi other = IngestApi.tenantWithCampaign("world-revoke-other");
        String channel = "streamer/" + newStreamer(vtt) + "/dice-rolls";
        String leaked = issue(vtt, channel, null).statusCode(201).extract().path("id");
        String kept = issue(vtt, channel, null).statusCode(201).extract().path("id");

        try (TopicProbe revocations = TopicProbe.from(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers(),
                "tavern.vtt.subscription-revocations.v1")) {
            vtt.asAdmin().when().post("/api/subscription-tokens/" + leaked + "/revoke").then().statusCode(200)
                    .body("id", equalTo(leaked)).body("revokedAt", notNullValue()).body("token", nullValue());
            other.asAdmin().when().post("/api/subscription-tokens/" + kept + "/revoke").then().statusCode(404);
            vtt.asAdmin().when().get("/api/subscription-tokens?channel=" + channel).then().statusCode(200)
                    .body("size()", equalTo(2))
                    .body("find { it.id == '" + leaked + "' }.revokedAt", notNullValue())
                    .body("find { it.id == '" + kept + "' }.revokedAt", nullValue());

            vtt.asAdmin().body("{\"channel\":\"" + channel + "\"}").when().post("/api/subscription-tokens/revoke-channel")
                    .then().statusCode(200).body("channel", equalTo(channel)).body("revoked", equalTo(1));
            vtt.asAdmin().when().post("/api/subscription-tokens/" + leaked + "/revoke").then().statusCode(200);

            ConsumerRecord<String, String> first = revocations.await(r -> r.key().equals(leaked), Duration.ofSeconds(20));
            ConsumerRecord<String, String> second = revocations.await(r -> r.key().equals(kept), Duration.ofSeconds(20));
            TopicContract contract = TopicContract.of("tavern.vtt.subscription-revocations.v1");
            assertThat(contract.assertValid(first.value()).get("channel").asText()).isEqualTo(channel);
            assertThat(contract.assertValid(second.value()).get("tenantId").asText()).isEqualTo(vtt.tenantId);
            assertThat(TopicProbe.header(first, "ce_type")).contains("tavern.vtt.subscription-token.revoked");
            assertThat(revocations.matching(r -> r.key().equals(leaked))).hasSize(1);
        }
    }

    @Test
    void charactersAndStreamersStayWithinTheirTenantAndReadBackAsAnswered() {
        IngestApi vtt = IngestApi.tenantWithCampaign("world-cast");
        IngestApi other = IngestApi.tenantWithCampaign("world-cast-other");
        String characters = "/api/campaigns/" + vtt.campaignId + "/characters";
        String thorin = vtt.asAdmin().body("{\"vttCharacterId\":\"char-1\",\"name\":\"Торин\"}").when().post(characters)
                .then().statusCode(201).body("name", equalTo("Торин")).body("streamerId", nullValue()).extract().path("id");
        vtt.asAdmin().body("{\"vttCharacterId\":\"char-2\",\"name\":\"Balin\"}").when().post(characters).then().statusCode(201);
        vtt.asAdmin().body("{\"vttCharacterId\":\"char-1\",\"name\":\"Again\"}").when().post(characters).then().statusCode(409);
        other.asAdmin().body("{\"vttCharacterId\":\"char-3\",\"name\":\"Intruder\"}").when().post(characters).then().statusCode(404);

        String mine = newStreamer(vtt);
        String theirs = newStreamer(other);
        String assignment = characters + "/" + thorin + "/streamer";
        vtt.asAdmin().body("{\"streamerId\":\"" + theirs + "\"}").when().put(assignment).then().statusCode(400)
                .body("details.streamerId", hasSize(1));
        other.asAdmin().body("{\"streamerId\":\"" + theirs + "\"}").when().put(assignment).then().statusCode(404);
        vtt.asAdmin().body("{\"streamerId\":\"" + mine + "\"}").when().put(characters + "/" + UUID.randomUUID() + "/streamer")
                .then().statusCode(404).body("error", equalTo("Character not found"));
        vtt.asAdmin().body("{\"streamerId\":\"" + mine + "\"}").when().put(assignment).then().statusCode(200)
                .body("streamerId", equalTo(mine));
        vtt.asAdmin().when().get(characters).then().statusCode(200)
                .body("name", org.hamcrest.Matchers.contains("Balin", "Торин"))
                .body("find { it.id == '" + thorin + "' }.streamerId", equalTo(mine));
        vtt.asAdmin().when().delete(assignment).then().statusCode(200).body("streamerId", nullValue());
        vtt.asAdmin().when().get(characters).then().body("find { it.id == '" + thorin + "' }.streamerId", nullValue());

        other.asAdmin().when().get("/api/streamers").then().statusCode(200).body("id", org.hamcrest.Matchers.contains(theirs));
        String createdAt = vtt.asAdmin().body("{\"name\":\"Second\",\"provider\":\"Foundry VTT\"}").when().post("/api/vtt-connections")
                .then().statusCode(201).extract().path("createdAt");
        vtt.asAdmin().when().get("/api/vtt-connections").then().statusCode(200)
                .body("find { it.name == 'Second' }.createdAt", equalTo(createdAt));
    }

    private static String newStreamer(IngestApi vtt) {
        return vtt.asAdmin().body("{\"displayName\":\"Ana\"}").when().post("/api/streamers").then().statusCode(201).extract().path("id");
    }

    private static ValidatableResponse issue(IngestApi vtt, String channel, Long ttlSeconds) {
        return vtt.asAdmin().body(ttlSeconds == null ? "{\"channel\":\"" + channel + "\"}"
                        : "{\"channel\":\"" + channel + "\",\"ttlSeconds\":" + ttlSeconds + "}")
                .when().post("/api/subscription-tokens").then();
    }

    private static long expiresIn(ValidatableResponse issued, long now) {
        return Instant.parse(issued.extract().<String>path("expiresAt")).getEpochSecond() - now;
    }

    private static PublicKey publicKey() throws Exception {
        String pem = Files.readString(Path.of("src/test/resources/subscription-signing-test-public.pem"))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
}
