package dev.tavern.broadcast.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.junit.jupiter.api.Test;

import dev.tavern.broadcast.ChannelClient;
import dev.tavern.broadcast.DiceRolls;
import dev.tavern.broadcast.GatewayInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;

/**
 * A client that comes back with the last position it was sent gets exactly what it missed, on a campaign channel and
 * on a streamer channel that mixes campaigns from every partition, or is told to resync.
 */
@QuarkusTest
@WithTestResource(value = GatewayInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class RecoveryTest {

    @TestHTTPResource("/")
    URI baseUri;

    @Inject
    Provider<BasicWebSocketConnector> connectors;

    private final DiceRolls rolls = DiceRolls.shared();

    @Test
    void reconnectingWithSinceDeliversWhatWasMissedInOrder() {
        UUID campaign = UUID.randomUUID();
        String channel = Channels.campaign(campaign);
        ChannelClient watcher = open(channel, "");
        ChannelClient first = open(channel, "");

        List<UUID> seen = List.of(rolls.publish(campaign, false, false, List.of()), rolls.publish(campaign, false, false, List.of()));
        first.awaitRolls(2);
        String position = first.position();
        first.close();

        UUID missedOne = rolls.publish(campaign, false, false, List.of());
        UUID missedTwo = rolls.publish(campaign, true, false, List.of());
        watcher.awaitRolls(4);

        ChannelClient back = open(channel, "?since=" + position);
        assertThat(back.rollIds()).containsExactly(missedOne.toString(), missedTwo.toString());
        assertThat(seen).doesNotContain(missedOne, missedTwo);
        UUID live = rolls.publish(campaign, false, false, List.of());
        back.awaitRolls(3);
        assertThat(back.rollIds()).containsExactly(missedOne.toString(), missedTwo.toString(), live.toString());
    }

    @Test
    void aStreamerInSixCampaignsOverEveryPartitionGetsEveryRollOnceAcrossAReconnect() {
        UUID streamer = UUID.randomUUID();
        String channel = Channels.streamer(streamer);
        List<UUID> campaigns = DiceRolls.campaignsOverEveryPartition(6);
        ChannelClient watcher = open(channel, "");
        ChannelClient first = open(channel, "");

        List<String> seen = rollInEach(campaigns, streamer);
        first.awaitRolls(6);
        assertThat(first.rollIds()).containsExactlyInAnyOrderElementsOf(seen);
        String position = first.position();
        first.close();

        List<String> missed = new ArrayList<>(rollInEach(campaigns, streamer));
        missed.addAll(rollInEach(campaigns, streamer));
        watcher.awaitRolls(18);

        ChannelClient back = open(channel, "?since=" + position);
        assertThat(back.rollIds()).containsExactlyInAnyOrderElementsOf(missed);
        // In the order each campaign rolled them.
        assertThat(back.rollIds()).containsSubsequence(missed.get(0), missed.get(6));
        assertThat(back.rollIds()).containsSubsequence(missed.get(5), missed.get(11));

        List<String> live = rollInEach(campaigns, streamer);
        back.awaitRolls(18);
        assertThat(back.rollIds()).hasSize(18).doesNotHaveDuplicates().containsAll(live);
        assertThat(watcher.awaitRolls(24).rollIds()).hasSize(24).doesNotHaveDuplicates();
    }

    @Test
    void aClientAheadOfThisReplicaWaitsForItAndGetsNothingTwice() {
        UUID campaign = UUID.randomUUID();
        String channel = Channels.campaign(campaign);
        ChannelClient probe = open(channel, "");
        rolls.publish(campaign, false, false, List.of());
        String before = probe.frames().get(0).get("position").asText();
        String after = probe.awaitRolls(1).position();
        int partition = changedPartition(before, after);

        // As if another replica had already sent it the next roll of this campaign.
        String ahead = bump(after, partition);
        List<ChannelClient> returning = new CopyOnWriteArrayList<>();
        Thread opener = new Thread(() -> returning.add(open(channel, "?since=" + ahead)));
        opener.start();
        UUID alreadySeen = rolls.publish(campaign, false, false, List.of());
        UUID next = rolls.publish(campaign, false, false, List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> !returning.isEmpty());

        ChannelClient client = returning.get(0).awaitRolls(1);
        probe.awaitRolls(3);
        assertThat(client.rollIds()).containsExactly(next.toString()).doesNotContain(alreadySeen.toString());
    }

    @Test
    void aPositionThisGatewayCannotAnswerAsksTheClientToResync() {
        String channel = Channels.campaign(UUID.randomUUID());
        for (String since : List.of("-5", "yesterday", "12", "1.2.3.4", "")) {
            ChannelClient client = open(channel, "?since=" + since);
            assertThat(client.frames()).extracting(ChannelClient::type).as("since=" + since).startsWith("resync", "subscribed");
            assertThat(client.frames().get(0).toString()).isEqualTo("{\"type\":\"resync\"}");
        }
    }

    private ChannelClient open(String channel, String query) {
        return ChannelClient.open(connectors.get(), baseUri, channel, query);
    }

    /** One visible roll of a character of the streamer's in each campaign; their Tavern ids in that order. */
    private List<String> rollInEach(List<UUID> campaigns, UUID streamer) {
        return campaigns.stream().map(campaign -> rolls.publish(campaign, false, false, List.of(streamer)).toString()).toList();
    }

    private static int changedPartition(String before, String after) {
        String[] from = before.split("\\.");
        String[] to = after.split("\\.");
        for (int p = 0; p < to.length; p++) {
            if (!from[p].equals(to[p])) {
                return p;
            }
        }
        throw new AssertionError("The roll moved no partition: " + before + " -> " + after);
    }

    private static String bump(String position, int partition) {
        String[] offsets = position.split("\\.");
        offsets[partition] = Long.toString(Long.parseLong(offsets[partition]) + 1);
        return String.join(".", offsets);
    }
}
