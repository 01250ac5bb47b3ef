package dev.tavern.vtt;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TenantRecords;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * A tenant with a VTT connection and a campaign: the tenant published on {@code tavern.tenants.v1} as its owner,
 * scheduler-service, does, then the rest set up through the management API with its admin key.
 */
public final class IngestApi {

    public static final String OPERATOR = "Bearer test-operator-token";
    private static final TenantRecords TENANTS = new TenantRecords(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers());

    public final String tenantId;
    public final String adminKey;
    public final String connectionId;
    public final String apiKey;
    public final String campaignId;
    public final String worldId;

    private IngestApi(String tenantId, String adminKey, String connectionId, String apiKey, String campaignId, String worldId) {
        this.tenantId = tenantId;
        this.adminKey = adminKey;
        this.connectionId = connectionId;
        this.apiKey = apiKey;
        this.campaignId = campaignId;
        this.worldId = worldId;
    }

    /** A new tenant whose campaign is linked to the given VTT world id. */
    public static IngestApi tenantWithCampaign(String worldId) {
        String tenantId = "t-" + UUID.randomUUID().toString().substring(0, 12);
        String adminKey = activeTenant(tenantId);
        var connection = given().header("Authorization", "Bearer " + adminKey).contentType(ContentType.JSON)
                .body("{\"name\":\"My Foundry Connection\",\"provider\":\"Foundry VTT\"}")
                .when().post("/api/vtt-connections").then().statusCode(201).extract().jsonPath();
        String campaignId = given().header("Authorization", "Bearer " + adminKey).contentType(ContentType.JSON)
                .body("{\"name\":\"Moria\",\"connectionId\":\"" + connection.getString("id") + "\",\"vttCampaignId\":\"" + worldId + "\"}")
                .when().post("/api/campaigns").then().statusCode(201).extract().path("id");
        return new IngestApi(tenantId, adminKey, connection.getString("id"), connection.getString("apiKey"), campaignId, worldId);
    }

    /** Publishes an active tenant with a new admin key and answers the key once this service accepts it. */
    public static String activeTenant(String tenantId) {
        String adminKey = TenantRecords.newAdminKey();
        TENANTS.active(tenantId, adminKey);
        awaitAdminKey(adminKey, 200);
        return adminKey;
    }

    public static TenantRecords tenants() {
        return TENANTS;
    }

    /** Waits until the management API answers the admin key with this status, as it does once the record is read. */
    public static void awaitAdminKey(String adminKey, int status) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().header("Authorization", "Bearer " + adminKey)
                .when().get("/api/vtt-connections").then().statusCode(status));
    }

    public RequestSpecification asAdmin() {
        return given().header("Authorization", "Bearer " + adminKey).contentType(ContentType.JSON);
    }

    public ValidatableResponse postRoll(String body) {
        return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON).body(body)
                .when().post("/webhooks/vtt/dice-roll").then();
    }

    /** The VTT API document's normal roll, for this campaign and roll id. */
    public String normalRoll(String rollId) {
        return """
                {"campaignId":"%s","characterId":"char-456","characterName":"Gimli","rollId":"%s","rollFormula":"1d20+5",
                 "result":18,"diceResults":[13,5],"isCritical":false,"criticalType":null,"isHidden":false,"rollType":"attack",
                 "metadata":{"foundryMessageId":"msg-abc","timestamp":1704067200000}}""".formatted(worldId, rollId);
    }
}
