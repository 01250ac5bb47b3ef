package dev.tavern.broadcast.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.junit.jupiter.api.Test;

import dev.tavern.broadcast.ChannelClient;
import dev.tavern.broadcast.DiceRolls;
import dev.tavern.broadcast.GatewayInfrastructureResource;
import dev.tavern.broadcast.SubscriptionTokens;
import dev.tavern.broadcast.Upgrades;
import dev.tavern.broadcast.subscription.TenantConnections;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TenantRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;

/**
 * Every way a subscription can be wrong is refused at the upgrade, with the HTTP status that says why; a community
 * that its owner suspends or deletes on {@code tavern.tenants.v1} loses its open sockets too.
 */
@QuarkusTest
@WithTestResource(value = GatewayInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class SubscriptionCheckTest {

    private static final Duration WITHIN = Duration.ofSeconds(5);

    @TestHTTPResource("/")
    URI baseUri;

    @Inject
    Provider<BasicWebSocketConnector> connectors;

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

    @Test
    void aTokenOfACommunityNeverPublishedIs403() {
        assertThat(upgrade("/ws/" + channel + "?token=" + SubscriptionTokens.forTenant(channel, "no-such-guild"), null)).isEqualTo(403);
    }

    @Test
    void aSuspendedCommunitysSocketsAreClosedAndRefusedUntilItIsResumedWhileOtherCommunitiesGoOn() {
        String guild = "guild-" + UUID.randomUUID().toString().substring(0, 8);
        String adminKey = "tadm_" + guild;
        UUID campaign = UUID.randomUUID();
        String guildChannel = Channels.campaign(campaign);
        String guildToken = SubscriptionTokens.forTenant(guildChannel, guild);
        UUID otherCampaign = UUID.randomUUID();
        try (TenantRecords tenants = new TenantRecords(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers())) {
            tenants.active(guild, adminKey);
            await().atMost(WITHIN).until(() -> upgrade("/ws/" + guildChannel + "?token=" + guildToken, null) == 101);
            ChannelClient guildOverlay = ChannelClient.open(connectors.get(), baseUri, guildChannel, "", guildToken);
            ChannelClient otherOverlay = ChannelClient.open(connectors.get(), baseUri, Channels.campaign(otherCampaign), "",
                    SubscriptionTokens.forChannel(Channels.campaign(otherCampaign)));

            tenants.suspended(guild, adminKey);

            assertThat(guildOverlay.awaitClosed()).isEqualTo(TenantConnections.NOT_SERVED);
            assertThat(upgrade("/ws/" + guildChannel + "?token=" + guildToken, null)).isEqualTo(403);
            UUID roll = DiceRolls.shared().publish(otherCampaign, false, false, List.of());
            assertThat(otherOverlay.awaitRolls(1).rollIds()).containsExactly(roll.toString());

            tenants.active(guild, adminKey);

            await().atMost(WITHIN).until(() -> upgrade("/ws/" + guildChannel + "?token=" + guildToken, null) == 101);
            otherOverlay.close();
        }
    }

    @Test
    void aDeletedCommunitysTokensAreRefused() {
        String guild = "guild-" + UUID.randomUUID().toString().substring(0, 8);
        String guildToken = SubscriptionTokens.forTenant(channel, guild);
        try (TenantRecords tenants = new TenantRecords(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers())) {
            tenants.active(guild, "tadm_" + guild);
            await().atMost(WITHIN).until(() -> upgrade("/ws/" + channel + "?token=" + guildToken, null) == 101);

            tenants.deleted(guild);

            await().atMost(WITHIN).until(() -> upgrade("/ws/" + channel + "?token=" + guildToken, null) == 403);
        }
    }

    /** The HTTP status of the upgrade: 101 when the WebSocket opened. */
    private int upgrade(String path, String authorization) {
        return Upgrades.status(baseUri, path, authorization);
    }
}
