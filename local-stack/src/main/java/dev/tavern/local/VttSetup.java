package dev.tavern.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a VTT module and its viewers need, set up through Tavern's public APIs as an operator and a tenant would: the
 * tenant at scheduler-service, which owns tenants (operator API), then with its admin key connections, campaigns,
 * streamers and subscription tokens at vtt-ingest-service.
 */
public final class VttSetup {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a new tenant may take to reach vtt-ingest-service over the tenants topic. */
    private static final Duration TENANT_ARRIVAL = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A campaign of a VTT connection, with the connection's API key (the {@code ta_...} a module sends). */
    public record Campaign(UUID id, String vttCampaignId, UUID connectionId, String apiKey) {
    }

    private final String ingestUrl;
    private final String adminKey;

    private VttSetup(String ingestUrl, String adminKey) {
        this.ingestUrl = ingestUrl;
        this.adminKey = adminKey;
    }

    /**
     * Creates a tenant at the scheduler with the operator token and acts as its admin from then on, once the ingest
     * service has read the tenant from {@code tavern.tenants.v1} and takes its admin key.
     */
    public static VttSetup newTenant(String schedulerUrl, String ingestUrl, String operatorToken, String tenantId) {
        JsonNode tenant = post(schedulerUrl + "/api/operator/tenants", operatorToken, Map.of("id", tenantId, "name", tenantId,
                "publicBaseUrl", "https://" + tenantId + ".tavern.localhost", "hostnames", List.of(tenantId + ".tavern.localhost")));
        VttSetup setup = new VttSetup(ingestUrl, tenant.get("adminKey").asText());
        setup.awaitAdmittedBy(ingestUrl);
        return setup;
    }

    /** Acts as the admin of a tenant created elsewhere, with its admin key. */
    public static VttSetup asAdmin(String ingestUrl, String adminKey) {
        return new VttSetup(ingestUrl, adminKey);
    }

    /** Waits until this vtt-ingest-service process (another replica, say) has read the tenant and takes its admin key. */
    public void awaitAdmittedBy(String ingestReplicaUrl) {
        long deadline = System.nanoTime() + TENANT_ARRIVAL.toNanos();
        while (status(HttpRequest.newBuilder(URI.create(ingestReplicaUrl + "/api/vtt-connections")).GET()) != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("vtt-ingest-service did not take the new tenant's admin key within " + TENANT_ARRIVAL);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
    }

    /** A VTT connection (its key) and one campaign of it. */
    public Campaign campaign(String vttCampaignId) {
        JsonNode connection = post(ingestUrl + "/api/vtt-connections", adminKey,
                Map.of("name", "Connection for " + vttCampaignId, "provider", "Foundry VTT"));
        JsonNode campaign = post(ingestUrl + "/api/campaigns", adminKey, Map.of("name", vttCampaignId,
                "connectionId", connection.get("id").asText(), "vttCampaignId", vttCampaignId));
        return new Campaign(UUID.fromString(campaign.get("id").asText()), vttCampaignId,
                UUID.fromString(connection.get("id").asText()), connection.get("apiKey").asText());
    }

    /** Gives the campaign's connection a new API key (the old one stops working) and answers it. */
    public String rotateKey(Campaign campaign) {
        return post(ingestUrl + "/api/vtt-connections/" + campaign.connectionId() + "/rotate-key", adminKey, Map.of())
                .get("apiKey").asText();
    }

    /** Revokes the campaign's connection: its API key stops working. */
    public void revoke(Campaign campaign) {
        post(ingestUrl + "/api/vtt-connections/" + campaign.connectionId() + "/revoke", adminKey, Map.of());
    }

    public UUID streamer(String displayName) {
        return UUID.fromString(post(ingestUrl + "/api/streamers", adminKey, Map.of("displayName", displayName)).get("id").asText());
    }

    /** Adds a character to the campaign and assigns it to a streamer, so its visible rolls reach that streamer. */
    public void assign(Campaign campaign, String vttCharacterId, String name, UUID streamerId) {
        String characters = ingestUrl + "/api/campaigns/" + campaign.id() + "/characters";
        JsonNode character = post(characters, adminKey, Map.of("vttCharacterId", vttCharacterId, "name", name));
        send(HttpRequest.newBuilder(URI.create(characters + "/" + character.get("id").asText() + "/streamer"))
                .PUT(body(Map.of("streamerId", streamerId.toString()))), adminKey);
    }

    /** A subscription token for one channel, e.g. {@code campaign/<id>/dice-rolls}. */
    public String subscriptionToken(String channel) {
        return post(ingestUrl + "/api/subscription-tokens", adminKey, Map.of("channel", channel)).get("token").asText();
    }

    /** Revokes every unexpired token of the channel (all of a streamer's overlay links, say); answers how many. */
    public int revokeTokens(String channel) {
        return post(ingestUrl + "/api/subscription-tokens/revoke-channel", adminKey, Map.of("channel", channel)).get("revoked").asInt();
    }

    private int status(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.header("Authorization", "Bearer " + adminKey).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static JsonNode post(String url, String bearer, Map<String, ?> body) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(body(body)), bearer);
    }

    private static HttpRequest.BodyPublisher body(Map<String, ?> body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode send(HttpRequest.Builder request, String bearer) {
        HttpRequest built = request.header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(built.method() + " " + built.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
