package dev.tavern.broadcast.subscription;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.broadcast.ChannelClient;
import dev.tavern.broadcast.GatewayInfrastructureResource;
import dev.tavern.broadcast.PublishedKeys;
import dev.tavern.broadcast.SubscriptionTokens;
import dev.tavern.broadcast.Upgrades;
import dev.tavern.broadcast.channel.Channels;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A signing key published on {@code tavern.vtt.subscription-keys.v1} verifies its tokens on this replica within
 * seconds, with the configured issuer, audience and expiry checks, and is stored for replicas that start later; a
 * tombstone retires it. Tokens under a key id in neither the topic nor the configured key set are refused.
 */
@QuarkusTest
@WithTestResource(value = GatewayInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class SubscriptionKeysTest {

    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI baseUri;

    @Inject
    Provider<BasicWebSocketConnector> connectors;

    @Inject
    Pool pool;

    private final String channel = Channels.campaign(UUID.randomUUID());

    @Test
    void aPublishedKeyIsAcceptedWithinSecondsAndStored() throws Exception {
        String keyId = newKeyId();
        KeyPair pair = PublishedKeys.generate();
        String token = SubscriptionTokens.sign(channel, keyId, pair.getPrivate(), "tavern-broadcast", Instant.now().plusSeconds(600));
        assertThat(upgrade(token)).isEqualTo(401);

        PublishedKeys.publish(keyId, (RSAPublicKey) pair.getPublic());

        await().atMost(WITHIN).until(() -> upgrade(token) == 101);
        // The header the gateway's own clients send works the same way, and the channel is served.
        ChannelClient.open(connectors.get(), baseUri, channel, "", token).close();
        await().atMost(WITHIN).until(() -> storedJwk(keyId).isPresent());
        assertThat(JSON.readTree(storedJwk(keyId).get())).isEqualTo(JSON.readTree(PublishedKeys.jwk(keyId, (RSAPublicKey) pair.getPublic())));
    }

    @Test
    void aPublishedKeyKeepsTheConfiguredIssuerAudienceAndExpiryChecks() {
        String keyId = newKeyId();
        KeyPair pair = PublishedKeys.generate();
        PublishedKeys.publish(keyId, (RSAPublicKey) pair.getPublic());
        await().atMost(WITHIN).until(() -> upgrade(SubscriptionTokens.sign(channel, keyId, pair.getPrivate(), "tavern-broadcast",
                Instant.now().plusSeconds(600))) == 101);

        assertThat(upgrade(SubscriptionTokens.sign(channel, keyId, pair.getPrivate(), "someone-else", Instant.now().plusSeconds(600))))
                .isEqualTo(401);
        assertThat(upgrade(SubscriptionTokens.sign(channel, keyId, pair.getPrivate(), "tavern-broadcast", Instant.now().minusSeconds(600))))
                .isEqualTo(401);
        // Its key id with another key's signature.
        assertThat(upgrade(SubscriptionTokens.sign(channel, keyId, PublishedKeys.generate().getPrivate(), "tavern-broadcast",
                Instant.now().plusSeconds(600)))).isEqualTo(401);
    }

    @Test
    void aTokenUnderAKeyIdNeitherPublishedNorConfiguredIs401() {
        String token = SubscriptionTokens.sign(channel, newKeyId(), PublishedKeys.generate().getPrivate(), "tavern-broadcast",
                Instant.now().plusSeconds(600));
        assertThat(upgrade(token)).isEqualTo(401);
    }

    @Test
    void theConfiguredKeySetStillVerifiesItsTokens() {
        assertThat(upgrade(SubscriptionTokens.forChannel(channel))).isEqualTo(101);
    }

    @Test
    void aTombstoneRetiresTheKeyHereAndInTheStore() {
        String keyId = newKeyId();
        KeyPair pair = PublishedKeys.generate();
        String token = SubscriptionTokens.sign(channel, keyId, pair.getPrivate(), "tavern-broadcast", Instant.now().plusSeconds(600));
        PublishedKeys.publish(keyId, (RSAPublicKey) pair.getPublic());
        await().atMost(WITHIN).until(() -> upgrade(token) == 101 && storedJwk(keyId).isPresent());

        PublishedKeys.retire(keyId);

        await().atMost(WITHIN).until(() -> upgrade(token) == 401);
        await().atMost(WITHIN).until(() -> storedJwk(keyId).isEmpty());
    }

    @Test
    void aReplicaIsReadyOnceItHasReadEveryKey() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("broadcast-subscription-keys"))
                .body("checks.find { it.name == 'broadcast-subscription-keys' }.status", equalTo("UP"));
    }

    private int upgrade(String token) {
        return Upgrades.status(baseUri, "/ws/" + channel + "?token=" + token, null);
    }

    private Optional<String> storedJwk(String keyId) {
        var rows = pool.preparedQuery("SELECT jwk FROM broadcast.subscription_key WHERE key_id = $1").executeAndAwait(Tuple.of(keyId));
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0));
    }

    private static String newKeyId() {
        return "tavern-" + UUID.randomUUID();
    }
}
