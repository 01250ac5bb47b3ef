package dev.tavern.broadcast.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

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

/** A client that stops reading is cut off; a fast client on the same channel keeps receiving every roll. */
@QuarkusTest
@WithTestResource(value = GatewayInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class SlowClientTest {

    private static final int ROLLS = 1_500;

    @TestHTTPResource("/")
    URI baseUri;

    @Inject
    Provider<BasicWebSocketConnector> connectors;

    @Test
    void aClientThatStopsReadingIsClosedWhileAFastOneGetsEveryRoll() throws Exception {
        UUID campaign = UUID.randomUUID();
        String channel = Channels.campaign(campaign);
        AtomicInteger fast = new AtomicInteger();
        connectors.get().baseUri(baseUri).path("/ws/" + channel)
                .addHeader("Authorization", "Bearer " + SubscriptionTokens.forChannel(channel))
                .onTextMessage((c, message) -> {
                    if (message.startsWith("{\"type\":\"dice:")) {
                        fast.incrementAndGet();
                    }
                })
                .connectAndAwait();
        double droppedBefore = dropped();

        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(1024);
            slow.connect(new InetSocketAddress(baseUri.getHost(), baseUri.getPort()));
            handshake(slow, channel);

            for (int i = 0; i < ROLLS; i++) {
                DiceRolls.shared().publish(campaign, false, false, List.of());
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> fast.get() >= ROLLS);
            await().atMost(Duration.ofSeconds(20)).until(() -> dropped() > droppedBefore);
        }
        assertThat(fast.get()).isEqualTo(ROLLS);
    }

    /** A WebSocket upgrade by hand, so nothing reads on this client's behalf afterwards. */
    private static void handshake(Socket socket, String channel) throws Exception {
        String key = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().substring(0, 16).getBytes(StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /ws/" + channel + "?token=" + SubscriptionTokens.forChannel(channel) + " HTTP/1.1\r\n"
                + "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] status = new byte[12];
        int read = socket.getInputStream().read(status);
        assertThat(new String(status, 0, read, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101");
    }

    private static double dropped() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("tavern_broadcast_messages_dropped_total{type=\"campaign\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
