package dev.tavern.vtt.roll;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.vtt.IngestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Each webhook outcome is counted on /q/metrics, and so are the records the outbox relay sends. */
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

    /** The relay's own producer reports as Kafka clients do: what operators alert on (docs/operations.md). */
    @Test
    void theRelaysProducerCountsTheRecordsItSends() {
        IngestApi vtt = IngestApi.tenantWithCampaign("world-relay-metrics");
        vtt.postRoll(vtt.normalRoll("roll-relayed")).statusCode(200);

        Pattern sent = Pattern.compile("kafka_producer_record_send_total\\{[^}]*client_id=\"tavern-outbox\"[^}]*} ([0-9.E]+)");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Matcher line = sent.matcher(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
            assertThat(line.find()).as("the relay's producer on /q/metrics").isTrue();
            assertThat(Double.parseDouble(line.group(1))).isGreaterThanOrEqualTo(1);
        });
    }
}
