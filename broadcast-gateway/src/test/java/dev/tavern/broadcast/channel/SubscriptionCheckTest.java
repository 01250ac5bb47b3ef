package dev.tavern.broadcast.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.tavern.broadcast.SubscriptionTokens;
import dev.tavern.infra.test.TavernInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/** Every way a subscription can be wrong is refused at the upgrade, with the HTTP status that says why. */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class SubscriptionCheckTest {

    @TestHTTPResource("/")
    URI baseUri;

    private final String channel = Channels.campaign(UUID.randomUUID());

    @Test
    void aValidTokenInTheQueryOrTheHeaderOpensTheChannel() {
        assertThat(upgrade("/ws/" + channel + "?token=" + SubscriptionTokens.forChannel(channel), null)).isEqualTo(101);
        assertThat(upgrade("/ws/" + channel, "Bearer " + SubscriptionTokens.forChannel(channel))).isEqualTo(101);
    }

    @Test
    void aMissingTokenIs401() {
        assertThat(upgrade("/ws/" + channel, null)).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIs401() {
        String expired = SubscriptionTokens.sign(channel, "tavern-broadcast", Instant.now().minusSeconds(600));
        assertThat(upgrade("/ws/" + channel + "?token=" + expired, null)).isEqualTo(401);
    }

    @Test
    void aTamperedTokenIs401() {
        String[] parts = SubscriptionTokens.forChannel(channel).split("\\.");
        String otherPayload = SubscriptionTokens.forChannel(Channels.campaign(UUID.randomUUID())).split("\\.")[1];
        assertThat(upgrade("/ws/" + channel + "?token=" + parts[0] + "." + otherPayload + "." + parts[2], null)).isEqualTo(401);
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        String foreign = SubscriptionTokens.sign(channel, "someone-else", Instant.now().plusSeconds(600));
        assertThat(upgrade("/ws/" + channel + "?token=" + foreign, null)).isEqualTo(401);
    }

    @Test
    void aTokenForAnotherChannelIs403() {
        String campaignToken = SubscriptionTokens.forChannel(channel);
        String streamerChannel = Channels.streamer(UUID.randomUUID());
        assertThat(upgrade("/ws/" + streamerChannel + "?token=" + campaignToken, null)).isEqualTo(403);
    }

    @Test
    void eitherKeyOfTheKeySetIsAcceptedSoTheSigningKeyCanRotate() {
        String underOldKey = SubscriptionTokens.sign(channel, UUID.randomUUID().toString(), SubscriptionTokens.KEY_ONE,
                "tavern-broadcast", Instant.now().plusSeconds(600));
        String underNewKey = SubscriptionTokens.sign(channel, UUID.randomUUID().toString(), SubscriptionTokens.KEY_TWO,
                "tavern-broadcast", Instant.now().plusSeconds(600));
        assertThat(upgrade("/ws/" + channel + "?token=" + underOldKey, null)).isEqualTo(101);
        assertThat(upgrade("/ws/" + channel + "?token=" + underNewKey, null)).isEqualTo(101);
    }

    @Test
    void aTokenUnderAKeyOutsideTheSetIs401() {
        String underRetiredKey = SubscriptionTokens.sign(channel, UUID.randomUUID().toString(), SubscriptionTokens.RETIRED_KEY,
                "tavern-broadcast", Instant.now().plusSeconds(600));
        assertThat(upgrade("/ws/" + channel + "?token=" + underRetiredKey, null)).isEqualTo(401);
    }

    @Test
    void aTokenWithoutAnIdCannotBeRevokedSoItIs401() {
        String anonymous = SubscriptionTokens.sign(channel, null, SubscriptionTokens.KEY_ONE, "tavern-broadcast", Instant.now().plusSeconds(600));
        assertThat(upgrade("/ws/" + channel + "?token=" + anonymous, null)).isEqualTo(401);
    }

    /** The HTTP status of the upgrade: 101 when the WebSocket opened. */
    private int upgrade(String path, String authorization) {
        Vertx vertx = Vertx.vertx();
        try {
            WebSocketClient client = vertx.createWebSocketClient();
            WebSocketConnectOptions options = new WebSocketConnectOptions()
                    .setHost(baseUri.getHost()).setPort(baseUri.getPort()).setURI(path);
            if (authorization != null) {
                options.addHeader("Authorization", authorization);
            }
            try {
                client.connect(options).toCompletionStage().toCompletableFuture().join().close();
                return 101;
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof UpgradeRejectedException rejected) {
                    return rejected.getStatus();
                }
                throw e;
            }
        } finally {
            vertx.close();
        }
    }
}
