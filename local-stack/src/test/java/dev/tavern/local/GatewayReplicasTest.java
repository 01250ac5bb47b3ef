package dev.tavern.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.infra.TavernInfrastructure;

/**
 * Two broadcast-gateway processes behind no balancer, fed by a vtt-ingest-service process: each replica delivers
 * every roll to its own clients; a position one replica gave out is answered by the other, also for a streamer whose
 * channel mixes campaigns from every partition; a replica killed and started again reads its history back from the
 * topic, so a client that returns to it with {@code since} gets what it missed; and a revocation closes the sockets
 * of the token on both replicas within seconds.
 */
class GatewayReplicasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private static ProcessStack stack;
    private static ServiceProcess ingest;
    private static ServiceProcess gatewayOne;
    private static ServiceProcess gatewayTwo;
    private static VttSetup tenant;

    @BeforeAll
    static void startStack() throws Exception {
        stack = ProcessStack.start("replicas");
        ServiceProcess scheduler = stack.process(TavernService.SCHEDULER, "scheduler", Map.of());
        ingest = stack.process(TavernService.VTT_INGEST, "ingest", Map.of());
        gatewayOne = stack.process(TavernService.BROADCAST_GATEWAY, "gateway-1", Map.of());
        gatewayTwo = stack.process(TavernService.BROADCAST_GATEWAY, "gateway-2", Map.of());
        stack.startAll();
        tenant = VttSetup.newTenant(scheduler.url(), ingest.url(), stack.operatorToken(), "replicas");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyReplicaDeliversEveryRollToItsOwnClients() throws Exception {
        VttSetup.Campaign campaign = tenant.campaign("world-both-replicas");
        String channel = "campaign/" + campaign.id() + "/dice-rolls";
        String token = tenant.subscriptionToken(channel);
        ChannelFrames atOne = ChannelFrames.open(gatewayOne, channel, token, "");
        ChannelFrames atTwo = ChannelFrames.open(gatewayTwo, channel, token, "");

        List<String> rollIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rollIds.add(postRoll(campaign, "both-" + i));
        }

        await().atMost(DELIVERY_TIMEOUT).until(() -> atOne.rolls().size() >= 20 && atTwo.rolls().size() >= 20);
        assertThat(atOne.rollIds()).containsExactlyElementsOf(rollIds);
        assertThat(atTwo.rollIds()).containsExactlyElementsOf(rollIds);
        assertThat(atTwo.offsets()).isEqualTo(atOne.offsets()).isSorted();
    }

    @Test
    void aStreamerInSixCampaignsOverEveryPartitionMovesToTheOtherReplicaWithoutLosingOrRepeatingARoll() throws Exception {
        UUID streamer = tenant.streamer("Ana");
        List<VttSetup.Campaign> campaigns = campaignsOverEveryPartition(6);
        for (VttSetup.Campaign campaign : campaigns) {
            tenant.assign(campaign, "char-1", "Gimli", streamer);
        }
        String channel = "streamer/" + streamer + "/dice-rolls";
        String token = tenant.subscriptionToken(channel);
        ChannelFrames watcher = ChannelFrames.open(gatewayTwo, channel, token, "");
        ChannelFrames overlay = ChannelFrames.open(gatewayOne, channel, token, "");

        List<String> seen = rollInEach(campaigns, "seen");
        await().atMost(DELIVERY_TIMEOUT).until(() -> overlay.rolls().size() >= 6);
        assertThat(overlay.rollIds()).containsExactlyInAnyOrderElementsOf(seen);
        String position = overlay.position();
        overlay.close();

        List<String> missed = new ArrayList<>(rollInEach(campaigns, "missed-a"));
        missed.addAll(rollInEach(campaigns, "missed-b"));
        await().atMost(DELIVERY_TIMEOUT).until(() -> watcher.rolls().size() >= 18);

        ChannelFrames back = ChannelFrames.open(gatewayTwo, channel, token, "?since=" + position);
        await().atMost(DELIVERY_TIMEOUT).until(() -> back.rolls().size() >= 12);
        List<String> live = rollInEach(campaigns, "live");
        await().atMost(DELIVERY_TIMEOUT).until(() -> back.rolls().size() >= 18);

        assertThat(back.rollIds().subList(0, 12)).containsExactlyInAnyOrderElementsOf(missed);
        assertThat(back.rollIds().subList(12, 18)).containsExactlyInAnyOrderElementsOf(live);
        assertThat(back.types()).doesNotContain("resync");
        await().atMost(DELIVERY_TIMEOUT).until(() -> watcher.rolls().size() >= 24);
        assertThat(back.rollIds()).doesNotHaveDuplicates().hasSize(18);
    }

    @Test
    void revokingAStreamersLinksClosesThemOnEveryReplicaWithinFiveSeconds() throws Exception {
        UUID streamer = tenant.streamer("Leaked link");
        String channel = "streamer/" + streamer + "/dice-rolls";
        String token = tenant.subscriptionToken(channel);
        ChannelFrames atOne = ChannelFrames.open(gatewayOne, channel, token, "");
        ChannelFrames atTwo = ChannelFrames.open(gatewayTwo, channel, token, "");

        assertThat(tenant.revokeTokens(channel)).isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> atOne.closedWith() == 4003 && atTwo.closedWith() == 4003);
        for (ServiceProcess gateway : List.of(gatewayOne, gatewayTwo)) {
            assertThat(ChannelFrames.tryOpen(gateway, channel, token)).as("upgrade at " + gateway.port()).isEqualTo(401);
        }
        String newLink = tenant.subscriptionToken(channel);
        assertThat(ChannelFrames.tryOpen(gatewayOne, channel, newLink)).isEqualTo(101);
    }

    /**
     * The revocation's record is gone from the topic (as retention would remove it) before a replica restarts: the
     * restarted replica still refuses the token, from what the replicas stored in the gateway's schema.
     */
    @Test
    void aRestartedReplicaRefusesATokenRevokedBeforeItsRecordLeftTheTopic() throws Exception {
        UUID streamer = tenant.streamer("Old leak");
        String channel = "streamer/" + streamer + "/dice-rolls";
        String token = tenant.subscriptionToken(channel);
        String tokenId = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("jti").asText();
        assertThat(tenant.revokeTokens(channel)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> isStored(tokenId));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            String topic = "tavern.vtt.subscription-revocations.v1";
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(partition -> partitions.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
            Map<TopicPartition, RecordsToDelete> everything = new HashMap<>();
            admin.listOffsets(partitions).all().get()
                    .forEach((partition, end) -> everything.put(partition, RecordsToDelete.beforeOffset(end.offset())));
            admin.deleteRecords(everything).all().get();
        }
        gatewayTwo.kill();
        gatewayTwo.start();
        gatewayTwo.awaitHealthy(ProcessStack.START_TIMEOUT);

        assertThat(ChannelFrames.tryOpen(gatewayTwo, channel, token)).isEqualTo(401);
        assertThat(ChannelFrames.tryOpen(gatewayTwo, channel, tenant.subscriptionToken(channel))).isEqualTo(101);
    }

    private static boolean isStored(String tokenId) throws SQLException {
        return stack.anyRow("SELECT 1 FROM broadcast.subscription_revocation WHERE token_id = ?", tokenId);
    }

    @Test
    void aRestartedReplicaRebuildsItsHistoryFromTheTopic() throws Exception {
        VttSetup.Campaign campaign = tenant.campaign("world-restart");
        String channel = "campaign/" + campaign.id() + "/dice-rolls";
        String token = tenant.subscriptionToken(channel);
        ChannelFrames watcher = ChannelFrames.open(gatewayOne, channel, token, "");
        List<String> rollIds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rollIds.add(postRoll(campaign, "restart-" + i));
        }
        await().atMost(DELIVERY_TIMEOUT).until(() -> watcher.rolls().size() >= 10);
        String lastSeen = watcher.positionOfRoll(3);

        gatewayTwo.kill();
        gatewayTwo.start();
        gatewayTwo.awaitHealthy(ProcessStack.START_TIMEOUT);

        ChannelFrames returning = ChannelFrames.open(gatewayTwo, channel, token, "?since=" + lastSeen);
        await().atMost(DELIVERY_TIMEOUT).until(() -> returning.rolls().size() >= 6);
        assertThat(returning.rollIds()).containsExactlyElementsOf(rollIds.subList(4, 10));
        assertThat(returning.offsets()).isEqualTo(watcher.offsets().subList(4, 10));
    }

    /** One roll in each campaign, in that order; their Tavern ids. */
    private static List<String> rollInEach(List<VttSetup.Campaign> campaigns, String prefix) throws Exception {
        List<String> ids = new ArrayList<>();
        for (VttSetup.Campaign campaign : campaigns) {
            ids.add(postRoll(campaign, prefix + "-" + campaign.id()));
        }
        return ids;
    }

    /** Campaigns whose records fall on every partition of the dice-rolls topic (Kafka's default partitioner). */
    private static List<VttSetup.Campaign> campaignsOverEveryPartition(int count) {
        List<VttSetup.Campaign> campaigns = new ArrayList<>();
        Set<Integer> partitions = new HashSet<>();
        while (campaigns.size() < count) {
            VttSetup.Campaign campaign = tenant.campaign("world-" + UUID.randomUUID());
            byte[] key = campaign.id().toString().getBytes(StandardCharsets.UTF_8);
            if (partitions.add(Utils.toPositive(Utils.murmur2(key)) % TavernInfrastructure.PARTITIONS)
                    || partitions.size() == TavernInfrastructure.PARTITIONS) {
                campaigns.add(campaign);
            }
        }
        return campaigns;
    }

    /** Posts a roll as a VTT module would; answers the roll's Tavern id. */
    private static String postRoll(VttSetup.Campaign campaign, String rollId) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("campaignId", campaign.vttCampaignId(), "characterId", "char-1",
                "characterName", "Gimli", "rollId", rollId, "rollFormula", "1d20+5", "result", 18, "diceResults", List.of(13)));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(ingest.url() + "/webhooks/vtt/dice-roll"))
                .header("Authorization", "Bearer " + campaign.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("rollId").asText();
    }
}
