package dev.tavern.broadcast.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import dev.tavern.broadcast.GatewayInfrastructureResource;
import dev.tavern.broadcast.SubscriptionTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;

/** A channel at its connection limit refuses the next upgrade with 503 and Retry-After; others are unaffected. */
@QuarkusTest
@TestProfile(ConnectionLimitTest.OnePerChannel.class)
@WithTestResource(value = GatewayInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class ConnectionLimitTest {

    public static class OnePerChannel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tavern.broadcast.max-connections-per-channel", "1");
        }
    }

    @TestHTTPResource("/")
    URI baseUri;

    @Test
    void aFullChannelRefusesTheNextClientCleanly() {
        Vertx vertx = Vertx.vertx();
        try {
            String channel = Channels.campaign(UUID.randomUUID());
            WebSocket first = connect(vertx, channel);
            // The limit counts open connections; the first is open once the gateway reports it.
            await().atMost(Duration.ofSeconds(10)).until(() -> openCampaignConnections() >= 1);

            UpgradeRejectedException refused = (UpgradeRejectedException) org.assertj.core.api.Assertions
                    .catchThrowableOfType(CompletionException.class, () -> connect(vertx, channel)).getCause();
            assertThat(refused.getStatus()).isEqualTo(503);
            assertThat(refused.getHeaders().get("Retry-After")).isEqualTo("5");

            WebSocket elsewhere = connect(vertx, Channels.campaign(UUID.randomUUID()));
            assertThat(elsewhere.isClosed()).isFalse();
            first.close();
        } finally {
            vertx.close();
        }
    }

    private static double openCampaignConnections() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("tavern_broadcast_connections{type=\"campaign\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private WebSocket connect(Vertx vertx, String channel) {
        return vertx.createWebSocketClient().connect(new WebSocketConnectOptions()
                        .setHost(baseUri.getHost()).setPort(baseUri.getPort())
                        .setURI("/ws/" + channel + "?token=" + SubscriptionTokens.forChannel(channel)))
                .toCompletionStage().toCompletableFuture().join();
    }
}
