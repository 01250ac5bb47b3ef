package dev.tavern.broadcast.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.junit.jupiter.api.Test;

import dev.tavern.broadcast.DiceRolls;
import dev.tavern.broadcast.GatewayInfrastructureResource;
import dev.tavern.broadcast.SubscriptionTokens;
import dev.tavern.infra.contract.TopicContract;
import dev.tavern.infra.test.RecordedSpans;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicProbe;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;

/** Rolls on the real topic reach real WebSocket clients on the channels the routing rules name. */
@QuarkusTest
@WithTestResource(value = GatewayInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class DiceRollBroadcastTest {


    @TestHTTPResource("/")
    URI baseUri;

    @Inject
    Provider<BasicWebSocketConnector> connectors;

    private final DiceRolls rolls = DiceRolls.shared();

    @Test
    void theCampaignChannelReceivesTheRollAsADiceRollEvent() {
        UUID campaign = UUID.randomUUID();
        List<String> frames = subscribe(Channels.campaign(campaign));

        UUID roll = rolls.publish(campaign, false, false, List.of());

        await().atMost(Duration.ofSeconds(20)).until(() -> frames.stream().anyMatch(f -> f.contains(roll.toString())));
        assertThat(frames.get(0)).matches("\\{\"type\":\"subscribed\",\"position\":\"-?\\d+(\\.-?\\d+)*\"}");
        assertThat(frames.get(1))
                .matches("\\{\"type\":\"dice:roll\",\"offset\":\\d+,\"position\":\"[-.0-9]+\",\"data\":.*")
                .contains(",\"data\":{\"id\":\"" + roll + "\",\"characterName\":\"Gimli\",\"rollFormula\":\"1d20+5\"")
                .contains("\"result\":18,\"diceResults\":[13,5]", "\"isCritical\":false", "\"isHidden\":false");
    }

    @Test
    void aHiddenRollNeverReachesAStreamerChannelButReachesTheCampaign() {
        UUID campaign = UUID.randomUUID();
        UUID streamer = UUID.randomUUID();
        List<String> campaignFrames = subscribe(Channels.campaign(campaign));
        List<String> streamerFrames = subscribe(Channels.streamer(streamer));

        UUID hidden = rolls.publish(campaign, true, false, List.of(streamer));
        UUID visible = rolls.publish(campaign, false, false, List.of(streamer));

        // Same campaign, same partition, in order: once the visible roll arrived, the hidden one was routed.
        await().atMost(Duration.ofSeconds(20)).until(() -> streamerFrames.stream().anyMatch(f -> f.contains(visible.toString())));
        await().atMost(Duration.ofSeconds(20)).until(() -> campaignFrames.stream().anyMatch(f -> f.contains(visible.toString())));
        assertThat(streamerFrames).noneMatch(f -> f.contains(hidden.toString()));
        assertThat(campaignFrames).anyMatch(f -> f.contains(hidden.toString()) && f.contains("\"isHidden\":true"));
    }

    @Test
    void aVisibleRollGoesToTheCharactersStreamerAndACriticalToEveryStreamerOfTheCampaign() {
        UUID campaign = UUID.randomUUID();
        UUID gimlisStreamer = UUID.randomUUID();
        UUID otherStreamer = UUID.randomUUID();
        List<String> gimlis = subscribe(Channels.streamer(gimlisStreamer));
        List<String> other = subscribe(Channels.streamer(otherStreamer));

        UUID normal = rolls.publish(campaign, false, false, List.of(gimlisStreamer), List.of(gimlisStreamer, otherStreamer));
        UUID critical = rolls.publish(campaign, false, true, List.of(gimlisStreamer), List.of(gimlisStreamer, otherStreamer));

        await().atMost(Duration.ofSeconds(20)).until(() -> other.stream().anyMatch(f -> f.contains(critical.toString())));
        await().atMost(Duration.ofSeconds(20)).until(() -> gimlis.stream().anyMatch(f -> f.contains(critical.toString())));
        assertThat(gimlis).anyMatch(f -> f.contains(normal.toString()) && f.startsWith("{\"type\":\"dice:roll\""));
        assertThat(other).noneMatch(f -> f.contains(normal.toString()));
        assertThat(other).anyMatch(f -> f.contains(critical.toString()) && f.startsWith("{\"type\":\"dice:critical\""));
        // A roll and a critical, as the documented channel messages (docs/asyncapi.yaml).
        gimlis.forEach(TopicContract.of("websocket.dice-rolls")::assertValid);
    }

    @Test
    void aRecordWithoutIsHiddenReachesNoChannelAndGoesToTheDeadLetterTopic() {
        UUID campaign = UUID.randomUUID();
        UUID streamer = UUID.randomUUID();
        List<String> campaignFrames = subscribe(Channels.campaign(campaign));
        List<String> streamerFrames = subscribe(Channels.streamer(streamer));
        UUID offContract = UUID.randomUUID();
        rolls.publishRaw(campaign, """
                {"id":"%s","tenantId":"default","campaignId":"%s","vttCampaignId":"foundry-world-123",
                 "characterId":"%s","vttCharacterId":"char-456","characterName":"Gimli","vttRollId":"roll-no-hidden",
                 "rollFormula":"1d20+5","result":18,"diceResults":[13,5],"isCritical":false,"criticalType":null,
                 "rollType":"attack","metadata":null,"characterStreamerIds":["%s"],"campaignStreamerIds":["%s"],
                 "recordedAt":"2026-12-01T20:00:00Z"}""".formatted(offContract, campaign, UUID.randomUUID(), streamer, streamer));

        UUID after = rolls.publish(campaign, false, false, List.of(streamer));

        await().atMost(Duration.ofSeconds(20)).until(() -> streamerFrames.stream().anyMatch(f -> f.contains(after.toString())));
        await().atMost(Duration.ofSeconds(20)).until(() -> campaignFrames.stream().anyMatch(f -> f.contains(after.toString())));
        assertThat(streamerFrames).noneMatch(f -> f.contains(offContract.toString()));
        assertThat(campaignFrames).noneMatch(f -> f.contains(offContract.toString()));
        try (TopicProbe deadLetters = TopicProbe.from(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers(),
                "tavern.vtt.dice-rolls.v1.dlq")) {
            deadLetters.await(record -> record.value().contains(offContract.toString()), Duration.ofSeconds(20));
        }
    }

    @Test
    void theFanOutOfARollIsASpanInTheTraceOfItsRecord() {
        UUID campaign = UUID.randomUUID();
        List<String> frames = subscribe(Channels.campaign(campaign));
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String producerSpanId = "00f067aa0ba902b7";

        UUID roll = rolls.publishTraced(campaign, "00-" + traceId + "-" + producerSpanId + "-01");

        await().atMost(Duration.ofSeconds(20)).until(() -> frames.stream().anyMatch(f -> f.contains(roll.toString())));
        SpanData fanOut = await().atMost(Duration.ofSeconds(10))
                .until(() -> RecordedSpans.find(span -> span.getName().equals("broadcast dice roll")
                        && span.getTraceId().equals(traceId)), Optional::isPresent).orElseThrow();
        assertThat(fanOut.getParentSpanId()).isEqualTo(producerSpanId);
        assertThat(fanOut.getAttributes().asMap()).containsKey(AttributeKey.longKey("messaging.kafka.offset"));
    }

    private List<String> subscribe(String channel) {
        List<String> frames = new CopyOnWriteArrayList<>();
        WebSocketClientConnection connection = connectors.get()
                .baseUri(baseUri)
                // On the event loop, so frames are seen in the order they arrive.
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .path("/ws/" + channel)
                .addHeader("Authorization", "Bearer " + SubscriptionTokens.forChannel(channel))
                .onTextMessage((c, message) -> frames.add(message))
                .connectAndAwait();
        assertThat(connection.isOpen()).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> !frames.isEmpty());
        return frames;
    }

}
