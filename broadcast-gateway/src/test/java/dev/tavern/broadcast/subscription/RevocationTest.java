package dev.tavern.broadcast.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import dev.tavern.broadcast.ChannelClient;
import dev.tavern.broadcast.DiceRolls;
import dev.tavern.broadcast.GatewayInfrastructureResource;
import dev.tavern.broadcast.SubscriptionTokens;
import dev.tavern.broadcast.channel.Channels;
import dev.tavern.infra.contract.TopicContract;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TavernInfrastructureResource.Switch;
import dev.tavern.infra.test.TopicWriter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A revocation on the topic closes the sockets open with that token and refuses it from then on; others go on. It is
 * stored for replicas that start later, and enforced without Postgres too.
 */
@QuarkusTest
@WithTestResource(value = GatewayInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class RevocationTest {

    private static final String TOPIC = "tavern.vtt.subscription-revocations.v1";

    @TestHTTPResource("/")
    URI baseUri;

    @Inject
    Provider<BasicWebSocketConnector> connectors;

    @Inject
    Pool pool;

    @Test
    void aRevokedOverlayLinkIsClosedAndRefusedWhileAnotherLinkOfTheStreamerKeepsGoing() {
        UUID streamer = UUID.randomUUID();
        String channel = Channels.streamer(streamer);
        String leakedId = UUID.randomUUID().toString();
        String leaked = token(channel, leakedId);
        String fresh = token(channel, UUID.randomUUID().toString());
        ChannelClient leakedOverlay = ChannelClient.open(connectors.get(), baseUri, channel, "", leaked);
        ChannelClient freshOverlay = ChannelClient.open(connectors.get(), baseUri, channel, "", fresh);

        revoke(leakedId, channel, Instant.now().plusSeconds(3600));

        assertThat(leakedOverlay.awaitClosed()).isEqualTo(Revocations.REVOKED);
        assertThat(upgradeFails(channel, leaked)).isTrue();
        UUID roll = DiceRolls.shared().publish(UUID.randomUUID(), false, false, List.of(streamer));
        assertThat(freshOverlay.awaitRolls(1).rollIds()).containsExactly(roll.toString());
    }

    @Test
    void aRevocationIsStoredWithHowFarTheTopicHasBeenRead() {
        String tokenId = UUID.randomUUID().toString();
        Instant expiresAt = Instant.now().plusSeconds(7200).truncatedTo(ChronoUnit.MILLIS);

        RecordMetadata record = revoke(tokenId, Channels.streamer(UUID.randomUUID()), expiresAt);

        await().atMost(Duration.ofSeconds(20)).until(() -> storedExpiry(tokenId).isPresent());
        assertThat(storedExpiry(tokenId)).contains(expiresAt);
        assertThat(pool.preparedQuery("SELECT next_offset FROM broadcast.revocation_topic_position WHERE partition = $1")
                .executeAndAwait(Tuple.of(record.partition())).iterator().next().getLong(0)).isGreaterThan(record.offset());
    }

    @Test
    void throughAPostgresOutageOpenSocketsGetTheirRollsAndARevocationStillClosesItsSocket() {
        UUID streamer = UUID.randomUUID();
        String channel = Channels.streamer(streamer);
        String leakedId = UUID.randomUUID().toString();
        ChannelClient leakedOverlay = ChannelClient.open(connectors.get(), baseUri, channel, "", token(channel, leakedId));
        ChannelClient freshOverlay = ChannelClient.open(connectors.get(), baseUri, channel, "", token(channel, UUID.randomUUID().toString()));
        Switch postgres = TavernInfrastructureResource.infrastructure().database()
                .orElseThrow(() -> new TestAbortedException("needs the embedded PostgreSQL to stop it"));

        postgres.stop().run();
        try {
            UUID roll = DiceRolls.shared().publish(UUID.randomUUID(), false, false, List.of(streamer));
            assertThat(freshOverlay.awaitRolls(1).rollIds()).containsExactly(roll.toString());
            revoke(leakedId, channel, Instant.now().plusSeconds(3600));
            assertThat(leakedOverlay.awaitClosed()).isEqualTo(Revocations.REVOKED);
        } finally {
            postgres.start().run();
        }
        // Stored once Postgres is back: a replica that starts later refuses the token too.
        await().atMost(Duration.ofSeconds(30)).until(() -> storedExpiry(leakedId).isPresent());
    }

    private Optional<Instant> storedExpiry(String tokenId) {
        var rows = pool.preparedQuery("SELECT expires_at FROM broadcast.subscription_revocation WHERE token_id = $1")
                .executeAndAwait(Tuple.of(tokenId));
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getOffsetDateTime(0).toInstant());
    }

    /** Publishes the revocation as the ingest service does; answers where its record went. */
    private static RecordMetadata revoke(String tokenId, String channel, Instant expiresAt) {
        String revocation = """
                {"tokenId":"%s","tenantId":"default","channel":"%s","revokedAt":"%s","expiresAt":"%s"}"""
                .formatted(tokenId, channel, Instant.now(), expiresAt);
        TopicContract.of(TOPIC).assertValid(revocation);
        try (TopicWriter topic = new TopicWriter(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers())) {
            return topic.send(TOPIC, tokenId, UUID.randomUUID().toString(), "tavern.vtt.subscription-token.revoked", revocation, Map.of());
        }
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
