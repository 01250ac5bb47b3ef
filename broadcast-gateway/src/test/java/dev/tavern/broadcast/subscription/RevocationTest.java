package dev.tavern.broadcast.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.junit.jupiter.api.Test;

import dev.tavern.broadcast.ChannelClient;
import dev.tavern.broadcast.DiceRolls;
import dev.tavern.broadcast.SubscriptionTokens;
import dev.tavern.broadcast.channel.Channels;
import dev.tavern.infra.contract.TopicContract;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicWriter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;

/** A revocation on the topic closes the sockets open with that token and refuses it from then on; others go on. */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class RevocationTest {

    private static final String TOPIC = "tavern.vtt.subscription-revocations.v1";

    @TestHTTPResource("/")
    URI baseUri;

    @Inject
    Provider<BasicWebSocketConnector> connectors;

    @Test
    void aRevokedOverlayLinkIsClosedAndRefusedWhileAnotherLinkOfTheStreamerKeepsGoing() {
        UUID streamer = UUID.randomUUID();
        String channel = Channels.streamer(streamer);
        String leakedId = UUID.randomUUID().toString();
        String leaked = token(channel, leakedId);
        String fresh = token(channel, UUID.randomUUID().toString());
        ChannelClient leakedOverlay = ChannelClient.open(connectors.get(), baseUri, channel, "", leaked);
        ChannelClient freshOverlay = ChannelClient.open(connectors.get(), baseUri, channel, "", fresh);

        String revocation = """
                {"tokenId":"%s","tenantId":"default","channel":"%s","revokedAt":"%s","expiresAt":"%s"}"""
                .formatted(leakedId, channel, Instant.now(), Instant.now().plusSeconds(3600));
        TopicContract.of(TOPIC).assertValid(revocation);
        try (TopicWriter topic = new TopicWriter(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers())) {
            topic.send(TOPIC, leakedId, "tavern.vtt.subscription-token.revoked", revocation);
        }

        assertThat(leakedOverlay.awaitClosed()).isEqualTo(Revocations.REVOKED);
        assertThat(upgradeFails(channel, leaked)).isTrue();
        UUID roll = DiceRolls.shared().publish(UUID.randomUUID(), false, false, List.of(streamer));
        assertThat(freshOverlay.awaitRolls(1).rollIds()).containsExactly(roll.toString());
    }

    private static String token(String channel, String id) {
        return SubscriptionTokens.sign(channel, id, SubscriptionTokens.KEY_ONE, "tavern-broadcast", Instant.now().plusSeconds(3600));
    }

    private boolean upgradeFails(String channel, String token) {
        try {
            WebSocketClientConnection connection = connectors.get().baseUri(baseUri).path("/ws/" + channel)
                    .addHeader("Authorization", "Bearer " + token).connectAndAwait();
            connection.closeAndAwait();
            return false;
        } catch (RuntimeException refused) {
            return true;
        }
    }
}
