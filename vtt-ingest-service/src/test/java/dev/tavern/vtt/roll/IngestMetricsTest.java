package dev.tavern.vtt.roll;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.vtt.IngestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Each webhook outcome is counted on /q/metrics. */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class IngestMetricsTest {

    @Test
    void outcomesAreCountedByEndpoint() {
        IngestApi vtt = IngestApi.tenantWithCampaign("world-metrics");
        vtt.postRoll(vtt.normalRoll("roll-m1")).statusCode(200);
        vtt.postRoll(vtt.normalRoll("roll-m1")).statusCode(200);
        vtt.postRoll("{}").statusCode(400);
        vtt.postRoll(vtt.normalRoll("roll-m2").replace("world-metrics", "nowhere")).statusCode(404);
        given().header("Authorization", "Bearer ta_nope").when().post("/webhooks/vtt/test").then().statusCode(401);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains(
                "tavern_ingest_requests_total{endpoint=\"dice-roll\",outcome=\"accepted\"",
                "tavern_ingest_requests_total{endpoint=\"dice-roll\",outcome=\"duplicate\"",
                "tavern_ingest_requests_total{endpoint=\"dice-roll\",outcome=\"invalid\"",
                "tavern_ingest_requests_total{endpoint=\"dice-roll\",outcome=\"unknown_campaign\"",
                "tavern_ingest_requests_total{endpoint=\"test\",outcome=\"unauthorized\"");
    }
}
