package dev.tavern.vtt;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** A tenant with a VTT connection and a campaign, set up through the operator and management APIs. */
public final class IngestApi {

    public static final String OPERATOR = "Bearer test-operator-token";

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
        String adminKey = given().header("Authorization", OPERATOR).contentType(ContentType.JSON)
                .body("{\"id\":\"" + tenantId + "\",\"name\":\"Guild\"}")
                .when().post("/api/operator/tenants").then().statusCode(201).extract().path("adminKey");
        var connection = given().header("Authorization", "Bearer " + adminKey).contentType(ContentType.JSON)
                .body("{\"name\":\"My Foundry Connection\",\"provider\":\"Foundry VTT\"}")
                .when().post("/api/vtt-connections").then().statusCode(201).extract().jsonPath();
        String campaignId = given().header("Authorization", "Bearer " + adminKey).contentType(ContentType.JSON)
                .body("{\"name\":\"Moria\",\"connectionId\":\"" + connection.getString("id") + "\",\"vttCampaignId\":\"" + worldId + "\"}")
                .when().post("/api/campaigns").then().statusCode(201).extract().path("id");
        return new IngestApi(tenantId, adminKey, connection.getString("id"), connection.getString("apiKey"), campaignId, worldId);
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
