package dev.tavern.webhook.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.webhook.SchedulingRecords;
import dev.tavern.webhook.WebhookReceiver;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Operators see attempts, outcomes, pending work and latencies on /q/metrics. */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class DeliveryMetricsTest {

    @Test
    void deliveriesShowUpInThePrometheusMetrics() {
        try (WebhookReceiver receiver = new WebhookReceiver(); SchedulingRecords records = new SchedulingRecords()) {
            long eventId = SchedulingRecords.newEventId();
            records.created(eventId, "default", receiver.url("/metrics-" + eventId));
            SchedulingRecords.awaitDelivery(eventId, "DELIVERED", Duration.ofSeconds(20));
        }

        String metrics = await().atMost(Duration.ofSeconds(20)).until(
                () -> given().when().get("/q/metrics").then().statusCode(200).extract().asString(),
                body -> body.contains("tavern_webhook_deliveries_pending"));
        assertThat(metrics).contains(
                "tavern_webhook_attempts_total{outcome=\"success\"",
                "tavern_webhook_deliveries_total{status=\"delivered\"",
                "tavern_webhook_attempt_latency_seconds_bucket",
                "tavern_webhook_delivery_latency_seconds_bucket",
                "tavern_webhook_retries_scheduled_total",
                "tavern_webhook_deliveries_pending");
    }
}
