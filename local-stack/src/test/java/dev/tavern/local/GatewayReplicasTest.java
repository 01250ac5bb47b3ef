package dev.tavern.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.infra.FreePorts;

/**
 * Two broadcast-gateway processes behind no balancer, fed by a vtt-ingest-service process: each replica delivers
 * every roll to its own clients with the same offsets, and a replica killed and started again reads its history
 * back from the topic, so a client that returns to it with {@code since} gets what it missed.
 */
class GatewayReplicasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private static TavernStack stack;
    private static ServiceProcess ingest;
    private static ServiceProcess gatewayOne;
    private static ServiceProcess gatewayTwo;
    private static VttSetup tenant;

    @BeforeAll
    static void startStack() throws Exception {
        Path root = Path.of(System.getProperty("tavern.project.root", "..")).toAbsolutePath().normalize();
        Path workDir = Files.createTempDirectory(root.resolve("local-stack/target"), "replicas-");
        stack = TavernStack.start(root, workDir, 0, 0, UUID.randomUUID().toString());
        ingest = stack.process(TavernService.VTT_INGEST, FreePorts.next(), Map.of(), workDir.resolve("ingest.log"));
        gatewayOne = stack.process(TavernService.BROADCAST_GATEWAY, FreePorts.next(), Map.of(), workDir.resolve("gateway-1.log"));
        gatewayTwo = stack.process(TavernService.BROADCAST_GATEWAY, FreePorts.next(), Map.of(), workDir.resolve("gateway-2.log"));
        ServiceProcess.startAll(List.of(ingest, gatewayOne, gatewayTwo), START_TIMEOUT);
        tenant = VttSetup.newTenant(ingest.url(), stack.operatorToken(), "replicas");
    }

    @AfterAll
    static void stopStack() {
        ServiceProcess.stopAll(Stream.of(ingest, gatewayOne, gatewayTwo).filter(Objects::nonNull).toList(), Duration.ofSeconds(20));
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyReplicaDeliversEveryRollToItsOwnClients() throws Exception {
        VttSetup.Campaign campaign = tenant.campaign("world-both-replicas");
        String channel = "campaign/" + campaign.id() + "/dice-rolls";
        String token = tenant.subscriptionToken(channel);
        Frames atOne = Frames.open(gatewayOne, channel, token, "");
        Frames atTwo = Frames.open(gatewayTwo, channel, token, "");

        List<String> rollIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rollIds.add(postRoll(campaign, "both-" + i));
        }

        await().atMost(DELIVERY_TIMEOUT).until(() -> atOne.size() >= 20 && atTwo.size() >= 20);
        assertThat(atOne.rollIds()).containsExactlyElementsOf(rollIds);
        assertThat(atTwo.rollIds()).containsExactlyElementsOf(rollIds);
        assertThat(atTwo.offsets()).isEqualTo(atOne.offsets()).isSorted();
    }

    @Test
    void aRestartedReplicaRebuildsItsHistoryFromTheTopic() throws Exception {
        VttSetup.Campaign campaign = tenant.campaign("world-restart");
        String channel = "campaign/" + campaign.id() + "/dice-rolls";
        String token = tenant.subscriptionToken(channel);
        Frames watcher = Frames.open(gatewayOne, channel, token, "");
        List<String> rollIds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rollIds.add(postRoll(campaign, "restart-" + i));
        }
        await().atMost(DELIVERY_TIMEOUT).until(() -> watcher.size() >= 10);
        long lastSeen = watcher.offsets().get(3);

        gatewayTwo.kill();
        gatewayTwo.start();
        gatewayTwo.awaitHealthy(START_TIMEOUT);

        Frames returning = Frames.open(gatewayTwo, channel, token, "?since=" + lastSeen);
        await().atMost(DELIVERY_TIMEOUT).until(() -> returning.size() >= 6);
        assertThat(returning.rollIds()).containsExactlyElementsOf(rollIds.subList(4, 10));
        assertThat(returning.offsets()).isEqualTo(watcher.offsets().subList(4, 10));
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

    /** The text frames one WebSocket client received, in order. */
    private static final class Frames implements WebSocket.Listener {

        private final List<JsonNode> received = new CopyOnWriteArrayList<>();

        static Frames open(ServiceProcess gateway, String channel, String token, String query) {
            Frames frames = new Frames();
            HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://localhost:" + gateway.port() + "/ws/" + channel + query), frames)
                    .join();
            return frames;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            try {
                received.add(JSON.readTree(data.toString()));
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON: " + data, e);
            }
            webSocket.request(1);
            return null;
        }

        int size() {
            return received.size();
        }

        List<String> rollIds() {
            return received.stream().map(frame -> frame.at("/data/id").asText()).toList();
        }

        List<Long> offsets() {
            return received.stream().map(frame -> frame.get("offset").asLong()).toList();
        }
    }
}
