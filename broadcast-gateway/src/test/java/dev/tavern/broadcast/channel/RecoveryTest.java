package dev.tavern.broadcast.channel;

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

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.broadcast.DiceRolls;
import dev.tavern.broadcast.SubscriptionTokens;
import dev.tavern.infra.contract.TopicContract;
import dev.tavern.infra.test.TavernInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;

/** A client that comes back with the last offset it saw gets what it missed, or is told to resync. */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class RecoveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TopicContract MESSAGES = TopicContract.of("websocket.dice-rolls");

    @TestHTTPResource("/")
    URI baseUri;

    @Inject
    Provider<BasicWebSocketConnector> connectors;

    private final DiceRolls rolls = DiceRolls.shared();

    @Test
    void reconnectingWithSinceDeliversWhatWasMissedInOrder() throws Exception {
        UUID campaign = UUID.randomUUID();
        String channel = Channels.campaign(campaign);
        List<String> watcher = new CopyOnWriteArrayList<>();
        open(channel, "", watcher);
        List<String> first = new CopyOnWriteArrayList<>();
        WebSocketClientConnection client = open(channel, "", first);

        List<UUID> seen = List.of(rolls.publish(campaign, false, false, List.of()), rolls.publish(campaign, false, false, List.of()));
        await().atMost(Duration.ofSeconds(20)).until(() -> first.size() >= 2);
        long lastOffset = JSON.readTree(first.get(1)).get("offset").asLong();
        client.closeAndAwait();

        UUID missedOne = rolls.publish(campaign, false, false, List.of());
        UUID missedTwo = rolls.publish(campaign, true, false, List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> watcher.size() >= 4);

        List<String> back = new CopyOnWriteArrayList<>();
        open(channel, "?since=" + lastOffset, back);
        await().atMost(Duration.ofSeconds(20)).until(() -> back.size() >= 2);

        assertThat(back).extracting(frame -> JSON.readTree(frame).get("data").get("id").asText())
                .containsExactly(missedOne.toString(), missedTwo.toString());
        assertThat(back).extracting(frame -> JSON.readTree(frame).get("offset").asLong()).isSorted().allMatch(o -> o > lastOffset);
        assertThat(seen).doesNotContain(missedOne, missedTwo);
        UUID live = rolls.publish(campaign, false, false, List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> back.stream().anyMatch(f -> f.contains(live.toString())));
        assertThat(back).hasSize(3);
        back.forEach(MESSAGES::assertValid);
    }

    @Test
    void anOffsetTheHistoryNoLongerCoversAsksTheClientToResync() {
        String channel = Channels.campaign(UUID.randomUUID());
        List<String> frames = new CopyOnWriteArrayList<>();
        open(channel, "?since=-5", frames);
        await().atMost(Duration.ofSeconds(10)).until(() -> !frames.isEmpty());
        assertThat(frames.get(0)).isEqualTo("{\"type\":\"resync\"}");

        List<String> garbled = new CopyOnWriteArrayList<>();
        open(channel, "?since=yesterday", garbled);
        await().atMost(Duration.ofSeconds(10)).until(() -> !garbled.isEmpty());
        assertThat(garbled.get(0)).isEqualTo("{\"type\":\"resync\"}");
        MESSAGES.assertValid(garbled.get(0));
    }

    private WebSocketClientConnection open(String channel, String query, List<String> frames) {
        return connectors.get()
                .baseUri(baseUri)
                // On the event loop, so frames are seen in the order they arrive.
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .path("/ws/" + channel + query)
                .addHeader("Authorization", "Bearer " + SubscriptionTokens.forChannel(channel))
                .onTextMessage((c, message) -> frames.add(message))
                .connectAndAwait();
    }
}
