package dev.tavern.broadcast.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import dev.tavern.broadcast.GatewayInfrastructureResource;
import dev.tavern.broadcast.PublishedKeys;
import dev.tavern.broadcast.SubscriptionTokens;
import dev.tavern.broadcast.Upgrades;
import dev.tavern.broadcast.channel.Channels;
import dev.tavern.infra.test.TavernInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A replica configured with no key set at all (as the local stack and new deployments run) starts, verifies tokens
 * under the keys on the topic, and under a key its store holds from before, which the topic does not: it loads the
 * store at start. Tokens the configured test key set would have admitted are refused.
 */
@QuarkusTest
@TestProfile(StoredSubscriptionKeysTest.NoConfiguredKeys.class)
@WithTestResource(value = GatewayInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class StoredSubscriptionKeysTest {

    /** The key an earlier replica read and stored: {@code src/test/resources/subscription-signing-stored.pem}. */
    private static final String STORED_KEY = "stored";
    private static final Duration WITHIN = Duration.ofSeconds(5);

    public static class NoConfiguredKeys implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // NONE is smallrye-jwt's own "not set" (an empty value is refused as a missing one): no key set is configured.
            return Map.of("%test.mp.jwt.verify.publickey.location", "NONE");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StoredKey.class));
        }
    }

    /**
     * The gateway's store as an earlier replica left it, before this one starts: its schema migrated (Flyway, as the
     * gateway itself does at start; the gateway finds it current) and a key in it that is on no topic.
     */
    public static class StoredKey implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            Map<String, String> config = TavernInfrastructureResource.infrastructure().quarkusConfig();
            String url = config.get("quarkus.datasource.jdbc.url");
            String user = config.get("quarkus.datasource.username");
            String password = config.getOrDefault("quarkus.datasource.password", "");
            Flyway.configure().dataSource(url, user, password).schemas("broadcast").defaultSchema("broadcast").createSchemas(true)
                    .locations("classpath:db/migration").load().migrate();
            String jwk = PublishedKeys.jwk(STORED_KEY, PublishedKeys.publicKeyOf(SubscriptionTokens.privateKey(STORED_KEY)));
            try (Connection connection = DriverManager.getConnection(url, user, password);
                 PreparedStatement insert = connection.prepareStatement("""
                         INSERT INTO broadcast.subscription_key (key_id, jwk, received_at) VALUES (?, ?, now())
                         ON CONFLICT (key_id) DO UPDATE SET jwk = EXCLUDED.jwk""")) {
                insert.setString(1, STORED_KEY);
                insert.setString(2, jwk);
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot store the test key", e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }

    @TestHTTPResource("/")
    URI baseUri;

    private final String channel = Channels.campaign(UUID.randomUUID());

    @Test
    void aKeyOnlyTheStoreHoldsIsAccepted() {
        String token = SubscriptionTokens.sign(channel, UUID.randomUUID().toString(), STORED_KEY, "tavern-broadcast",
                Instant.now().plusSeconds(600));
        // The store is loaded in the background at start, usually well before the topics are read.
        await().atMost(WITHIN).until(() -> upgrade(token) == 101);
    }

    @Test
    void aKeyPublishedOnTheTopicIsAcceptedWithoutAConfiguredKeySet() {
        String keyId = "tavern-" + UUID.randomUUID();
        KeyPair pair = PublishedKeys.generate();
        PublishedKeys.publish(keyId, (RSAPublicKey) pair.getPublic());
        await().atMost(WITHIN).until(() -> upgrade(SubscriptionTokens.sign(channel, keyId, pair.getPrivate(), "tavern-broadcast",
                Instant.now().plusSeconds(600))) == 101);
    }

    @Test
    void aTokenUnderAKeyOnlyTheTestKeySetHadIs401() {
        assertThat(upgrade(SubscriptionTokens.forChannel(channel))).isEqualTo(401);
    }

    private int upgrade(String token) {
        return Upgrades.status(baseUri, "/ws/" + channel + "?token=" + token, null);
    }
}
