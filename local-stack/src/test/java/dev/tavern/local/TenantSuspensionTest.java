package dev.tavern.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A community is provisioned once, at scheduler-service, and a suspension or a deletion there stops it everywhere within
 * 5 s: each service a process of its own, as deployed. Communities are reached on loopback addresses of their own, the
 * default tenant on localhost, and a second community goes on untouched throughout.
 */
class TenantSuspensionTest {

    private static final Duration EVERYWHERE_WITHIN = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ProcessStack stack;
    private static ServiceProcess scheduler;
    private static ServiceProcess ingest;
    private static ServiceProcess dispatcher;
    private static ServiceProcess gateway;

    @BeforeAll
    static void startStack() throws Exception {
        stack = ProcessStack.start("tenants");
        scheduler = stack.process(TavernService.SCHEDULER, "scheduler", Map.of());
        ingest = stack.process(TavernService.VTT_INGEST, "ingest", Map.of());
        dispatcher = stack.process(TavernService.WEBHOOK_DISPATCHER, "dispatcher", Map.of());
        gateway = stack.process(TavernService.BROADCAST_GATEWAY, "gateway", Map.of());
        stack.startAll();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** A community onboarded at the scheduler, reached on its own loopback address, with a campaign and an open overlay. */
    private record Community(String id, String host, String adminKey, VttSetup.Campaign campaign, String channel, String token,
                             ChannelFrames overlay) {
    }

    @Test
    void aSuspendedCommunityIsRefusedByEveryServiceWithinFiveSecondsAndServedAgainOnceResumed() throws Exception {
        Community guild = onboard("127.0.0.1");
        VttSetup other = VttSetup.newTenant(scheduler.url(), ingest.url(), stack.operatorToken(),
                "other-" + UUID.randomUUID().toString().substring(0, 8));
        VttSetup.Campaign otherCampaign = other.campaign("world-other-" + guild.id());
        assertThat(eventsPage(guild.host())).isEqualTo(200);

        Instant suspended = Instant.now();
        assertThat(json(operator("POST", "/api/operator/tenants/" + guild.id() + "/suspend", null), 200).path("status").asText())
                .isEqualTo("SUSPENDED");

        await().atMost(EVERYWHERE_WITHIN).until(() -> eventsPage(guild.host()) == 403 && refusedOutsideTheScheduler(guild));
        assertThat(Duration.between(suspended, Instant.now())).isLessThan(EVERYWHERE_WITHIN);
        assertThat(eventsPage("localhost")).as("the default tenant's host").isEqualTo(200);
        assertThat(roll(otherCampaign, "r-" + UUID.randomUUID())).as("another community's roll").isEqualTo(200);

        json(operator("POST", "/api/operator/tenants/" + guild.id() + "/resume", null), 200);

        await().atMost(EVERYWHERE_WITHIN).until(() -> eventsPage(guild.host()) == 200
                && adminKeyAtIngest(guild.adminKey()) == 200
                && roll(guild.campaign(), "r-" + UUID.randomUUID()) == 200
                && signingSecret(guild.adminKey()) == 200
                && ChannelFrames.tryOpen(gateway, guild.channel(), guild.token()) == 101);
    }

    @Test
    void aDeletedCommunityIsRefusedByEveryServiceWithinFiveSecondsAndItsIdIsNeverReused() throws Exception {
        Community guild = onboard("127.0.0.2");
        String slug = json(HTTP.send(HttpRequest.newBuilder(URI.create("http://" + guild.host() + ":" + scheduler.port() + "/api/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Последний рейд\"}")).build(),
                HttpResponse.BodyHandlers.ofString()), 201).path("slug").asText();
        assertThat(eventOf(guild.host(), slug)).isEqualTo(200);

        Instant deleted = Instant.now();
        assertThat(operator("DELETE", "/api/operator/tenants/" + guild.id(), null).statusCode()).isEqualTo(204);

        // Its hostname now serves the default tenant, where its events are not.
        await().atMost(EVERYWHERE_WITHIN).until(() -> eventOf(guild.host(), slug) == 404 && refusedOutsideTheScheduler(guild));
        assertThat(Duration.between(deleted, Instant.now())).isLessThan(EVERYWHERE_WITHIN);
        assertThat(operator("POST", "/api/operator/tenants", Map.of("id", guild.id(), "name", "Again",
                "publicBaseUrl", "https://again.tavern.example", "hostnames", List.of())).statusCode()).isEqualTo(409);
    }

    private static Community onboard(String host) throws Exception {
        String id = "guild-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> created = Map.of("id", id, "name", "Гильдия 冒険者",
                "publicBaseUrl", "http://" + host + ":" + scheduler.port(), "hostnames", List.of(host));
        String adminKey = json(operator("POST", "/api/operator/tenants", created), 201).path("adminKey").asText();
        VttSetup admin = VttSetup.asAdmin(ingest.url(), adminKey);
        admin.awaitAdmittedBy(ingest.url());
        VttSetup.Campaign campaign = admin.campaign("world-" + id);
        String channel = "campaign/" + campaign.id() + "/dice-rolls";
        String token = admin.subscriptionToken(channel);
        await().atMost(EVERYWHERE_WITHIN).until(() -> ChannelFrames.tryOpen(gateway, channel, token) == 101);
        ChannelFrames overlay = ChannelFrames.open(gateway, channel, token, "");
        assertThat(signingSecret(adminKey)).isEqualTo(200);
        return new Community(id, host, adminKey, campaign, channel, token, overlay);
    }

    /** Ingest, the dispatcher and the gateway no longer serve the community: keys refused, its overlay closed. */
    private static boolean refusedOutsideTheScheduler(Community community) throws Exception {
        return adminKeyAtIngest(community.adminKey()) == 401
                && roll(community.campaign(), "r-" + UUID.randomUUID()) == 401
                && signingSecret(community.adminKey()) == 401
                && community.overlay().closedWith() == 4004
                && ChannelFrames.tryOpen(gateway, community.channel(), community.token()) == 403;
    }

    private static HttpResponse<String> operator(String method, String path, Map<String, Object> body)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        return HTTP.send(HttpRequest.newBuilder(URI.create(scheduler.url() + path)).method(method, publisher)
                .header("Authorization", "Bearer " + stack.operatorToken()).header("Content-Type", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /** The scheduler's event API as a visitor of this host sees it: 200 when served (no such event there, 404). */
    private static int eventsPage(String host) throws IOException, InterruptedException {
        return status(HttpRequest.newBuilder(URI.create("http://" + host + ":" + scheduler.port() + "/api/events/no-such-slug")).GET().build(),
                404);
    }

    private static int eventOf(String host, String slug) throws IOException, InterruptedException {
        return status(HttpRequest.newBuilder(URI.create("http://" + host + ":" + scheduler.port() + "/api/events/" + slug)).GET().build(), 0);
    }

    private static int adminKeyAtIngest(String adminKey) throws IOException, InterruptedException {
        return status(HttpRequest.newBuilder(URI.create(ingest.url() + "/api/vtt-connections"))
                .header("Authorization", "Bearer " + adminKey).GET().build(), 0);
    }

    private static int signingSecret(String adminKey) throws IOException, InterruptedException {
        return status(HttpRequest.newBuilder(URI.create(dispatcher.url() + "/api/webhooks/signing-secret"))
                .header("Authorization", "Bearer " + adminKey).POST(HttpRequest.BodyPublishers.noBody()).build(), 0);
    }

    private static int roll(VttSetup.Campaign campaign, String rollId) throws IOException, InterruptedException {
        String body = """
                {"campaignId":"%s","characterId":"char-456","characterName":"Gimli","rollId":"%s","rollFormula":"1d20+5",
                 "result":18,"diceResults":[13,5]}""".formatted(campaign.vttCampaignId(), rollId);
        return status(HttpRequest.newBuilder(URI.create(ingest.url() + "/webhooks/vtt/dice-roll"))
                .header("Authorization", "Bearer " + campaign.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), 0);
    }

    /** The answer's status; {@code served} (a status meaning "served, nothing there") reads as 200. */
    private static int status(HttpRequest request, int served) throws IOException, InterruptedException {
        int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        return status == served ? 200 : status;
    }
}
