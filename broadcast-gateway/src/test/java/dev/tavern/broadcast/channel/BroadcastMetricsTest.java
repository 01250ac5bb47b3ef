package dev.tavern.broadcast.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.junit.jupiter.api.Test;

import dev.tavern.broadcast.DiceRolls;
import dev.tavern.broadcast.GatewayInfrastructureResource;
import dev.tavern.broadcast.SubscriptionTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;

/** Operators see connections, deliveries, intake and delivery latency and the consumer's lag on /q/metrics. */
@QuarkusTest
@WithTestResource(value = GatewayInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class BroadcastMetricsTest {

    @TestHTTPResource("/")
    URI baseUri;

    @Inject
    Provider<BasicWebSocketConnector> connectors;

    @Test
    void deliveriesShowUpInThePrometheusMetrics() {
        UUID campaign = UUID.randomUUID();
        String channel = Channels.campaign(campaign);
        List<String> frames = new CopyOnWriteArrayList<>();
        connectors.get().baseUri(baseUri).path("/ws/" + channel)
                .addHeader("Authorization", "Bearer " + SubscriptionTokens.forChannel(channel))
                .onTextMessage((c, message) -> frames.add(message))
                .connectAndAwait();
        DiceRolls.shared().publish(campaign, false, false, List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> frames.stream().anyMatch(f -> f.startsWith("{\"type\":\"dice:roll\"")));

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains(
                "tavern_broadcast_connections{type=\"campaign\"",
                "tavern_broadcast_connections{type=\"streamer\"",
                "tavern_broadcast_messages_delivered_total{type=\"campaign\"",
                "tavern_broadcast_intake_latency_seconds_bucket",
                "tavern_broadcast_delivery_latency_seconds_bucket",
                "tavern_broadcast_history_channels",
                "tavern_broadcast_history_messages",
                "kafka_consumer_fetch_manager_records_lag");
    }
}
