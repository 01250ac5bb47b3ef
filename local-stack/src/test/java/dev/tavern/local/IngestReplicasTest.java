package dev.tavern.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two vtt-ingest-service processes sharing one database, as two replicas behind a balancer: what one replica changes
 * (a key revoked or rotated, a character given to a streamer) is in force on the other within a second, however warm
 * its caches are and even when it cannot hear of the change, and a key's per-minute limit is one limit across both.
 */
class IngestReplicasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration IN_FORCE_WITHIN = Duration.ofSeconds(1);

    private static ProcessStack stack;
    private static ServiceProcess one;
    private static ServiceProcess two;
    private static VttSetup tenant;

    @BeforeAll
    static void startStack() throws Exception {
        stack = ProcessStack.start("ingest-replicas");
        ServiceProcess scheduler = stack.process(TavernService.SCHEDULER, "scheduler", Map.of());
        one = stack.process(TavernService.VTT_INGEST, "ingest-1", Map.of());
        two = stack.process(TavernService.VTT_INGEST, "ingest-2", Map.of());
        stack.startAll();
        tenant = VttSetup.newTenant(scheduler.url(), one.url(), stack.operatorToken(), "ingest-replicas");
        tenant.awaitAdmittedBy(two.url());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aKeyRevokedOnOneReplicaIsRefusedByTheOtherWithinASecond() throws Exception {
        VttSetup.Campaign campaign = tenant.campaign("world-revoked-" + UUID.randomUUID());
        warm(campaign);

        tenant.revoke(campaign);

        await().atMost(IN_FORCE_WITHIN).pollInterval(Duration.ofMillis(20))
                .until(() -> roll(two, campaign.apiKey(), campaign, "after-revoke-" + UUID.randomUUID()).statusCode() == 401);
        HttpResponse<String> refused = roll(two, campaign.apiKey(), campaign, "refused-" + UUID.randomUUID());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).get("error").asText()).isEqualTo("Invalid API Key");
    }

    /**
     * Each replica hears of changes on a PostgreSQL connection of its own; here both connections' backends hang
     * (SIGSTOP: open, silent), so the revocation's notice reaches neither replica. The warm replica must stop serving
     * what it kept anyway.
     */
    @Test
    void aKeyRevokedWhileNoReplicaHearsOfChangesIsRefusedByTheOtherWithinASecond() throws Exception {
        VttSetup.Campaign campaign = tenant.campaign("world-unheard-" + UUID.randomUUID());
        warm(campaign);
        List<Long> listeners = listeningBackends();
        assertThat(listeners).as("one listening backend per replica").hasSize(2);

        signal("STOP", listeners);
        try {
            tenant.revoke(campaign);

            await().atMost(IN_FORCE_WITHIN).pollInterval(Duration.ofMillis(20))
                    .until(() -> roll(two, campaign.apiKey(), campaign, "unheard-" + UUID.randomUUID()).statusCode() == 401);
        } finally {
            signal("CONT", listeners);
        }
    }

    /**
     * A listener that hangs longer than a few seconds is given up: the replica listens on a new connection, and serves
     * its caches again once that one is heard ({@code tavern_ingest_caches_coherent}, 0 meanwhile).
     */
    @Test
    void aReplicaWhoseListenerHangsListensOnANewConnectionAndServesItsCachesAgain() throws Exception {
        List<Long> listeners = listeningBackends();
        await().atMost(Duration.ofSeconds(5)).until(() -> coherent(one) && coherent(two));

        signal("STOP", listeners);
        try {
            await().atMost(IN_FORCE_WITHIN).until(() -> !coherent(one) && !coherent(two));
            await().atMost(Duration.ofSeconds(15)).until(() -> coherent(one) && coherent(two));
            assertThat(listeningBackends()).as("the frozen backends and their successors").hasSize(4).containsAll(listeners);
        } finally {
            signal("CONT", listeners);
        }
        // Thawed, the abandoned backends find their connections closed and end.
        await().atMost(Duration.ofSeconds(10)).until(() -> listeningBackends().size() == 2);
    }

    @Test
    void aKeyRotatedOnOneReplicaIsRefusedByTheOtherWithinASecondAndTheNewOneWorksAtOnce() throws Exception {
        VttSetup.Campaign campaign = tenant.campaign("world-rotated-" + UUID.randomUUID());
        warm(campaign);

        String newKey = tenant.rotateKey(campaign);

        assertThat(roll(two, newKey, campaign, "new-key-" + UUID.randomUUID()).statusCode()).isEqualTo(200);
        await().atMost(IN_FORCE_WITHIN).pollInterval(Duration.ofMillis(20))
                .until(() -> roll(two, campaign.apiKey(), campaign, "old-key-" + UUID.randomUUID()).statusCode() == 401);
    }

    @Test
    void aStreamerJoiningACampaignOnOneReplicaGetsItsRollsFromTheOtherWithinASecond() throws Exception {
        VttSetup.Campaign campaign = tenant.campaign("world-assigned-" + UUID.randomUUID());
        warm(campaign);
        UUID streamer = tenant.streamer("Ana");

        // Another character of the campaign is given to the streamer: every roll of the campaign is now routed to them.
        tenant.assign(campaign, "char-3", "Gimli", streamer);

        await().atMost(IN_FORCE_WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> {
            String rollId = "assigned-" + UUID.randomUUID();
            assertThat(roll(two, campaign.apiKey(), campaign, rollId).statusCode()).isEqualTo(200);
            return announcedStreamers(rollId).contains(streamer.toString());
        });
    }

    @Test
    void aKeysLimitIsOneLimitAcrossBothReplicas() throws Exception {
        for (int run = 0; run < 2; run++) {
            VttSetup.Campaign campaign = tenant.campaign("world-limit-" + UUID.randomUUID());
            List<String> windows = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                HttpResponse<String> ok = roll(i % 2 == 0 ? one : two, campaign.apiKey(), campaign, "limit-" + i);
                assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
                windows.add(reset(ok));
            }
            List<HttpResponse<String>> over = List.of(roll(one, campaign.apiKey(), campaign, "over-1"),
                    roll(two, campaign.apiKey(), campaign, "over-2"));
            over.forEach(response -> windows.add(reset(response)));
            if (windows.stream().distinct().count() > 1) {
                // The run straddled a minute boundary, where every key's window starts afresh.
                continue;
            }
            for (HttpResponse<String> response : over) {
                assertThat(response.statusCode()).isEqualTo(429);
                assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("Rate limit exceeded");
                assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
            }
            return;
        }
        throw new AssertionError("Two runs in a row straddled a minute boundary");
    }

    /** A roll through each replica, so both have the key, the campaign and the character in their caches. */
    private static void warm(VttSetup.Campaign campaign) throws Exception {
        for (ServiceProcess replica : List.of(one, two)) {
            assertThat(roll(replica, campaign.apiKey(), campaign, "warm-" + UUID.randomUUID()).statusCode()).isEqualTo(200);
        }
    }

    /** Whether the replica serves its caches, by its metric. */
    private static boolean coherent(ServiceProcess replica) throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(replica.url() + "/q/metrics"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return metrics.body().lines().anyMatch(line -> line.startsWith("tavern_ingest_caches_coherent") && line.endsWith(" 1.0"));
    }

    /** The backends of the replicas' change listeners (dev.tavern.vtt.cache.ChangeNotices). */
    private static List<Long> listeningBackends() throws Exception {
        try (Connection database = stack.database();
             PreparedStatement query = database.prepareStatement(
                     "SELECT pid FROM pg_stat_activity WHERE application_name = 'tavern-change-notices'")) {
            List<Long> pids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    pids.add(rows.getLong(1));
                }
            }
            return pids;
        }
    }

    private static void signal(String signal, List<Long> pids) throws Exception {
        for (long pid : pids) {
            assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor())
                    .as("kill -" + signal + " " + pid).isZero();
        }
    }

    private static String reset(HttpResponse<String> response) {
        return response.headers().firstValue("X-RateLimit-Reset").orElseThrow();
    }

    private static HttpResponse<String> roll(ServiceProcess replica, String apiKey, VttSetup.Campaign campaign, String rollId)
            throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("campaignId", campaign.vttCampaignId(), "characterId", "char-2",
                "characterName", "Legolas", "rollId", rollId, "rollFormula", "1d20+5", "result", 18, "diceResults", List.of(13)));
        return HTTP.send(HttpRequest.newBuilder(URI.create(replica.url() + "/webhooks/vtt/dice-roll"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The campaign's streamers the roll's record on the dice-rolls topic names, as its outbox row holds it. */
    private static List<String> announcedStreamers(String rollId) throws Exception {
        try (Connection database = stack.database();
             PreparedStatement query = database.prepareStatement(
                     "SELECT payload FROM vtt_ingest.outbox_message WHERE payload::jsonb ->> 'vttRollId' = ?")) {
            query.setString(1, rollId);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("outbox record of " + rollId).isTrue();
                JsonNode payload = JSON.readTree(rows.getString(1));
                return JSON.convertValue(payload.get("campaignStreamerIds"), JSON.getTypeFactory()
                        .constructCollectionType(List.class, String.class));
            }
        }
    }
}
