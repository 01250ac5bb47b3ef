package dev.tavern.load;

import java.util.Map;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import dev.tavern.local.VttSetup;

/** Posts dice rolls to vtt-ingest-service as a VTT module does, with the campaign's connection key. */
public final class DiceRolls {

    private static final String BODY = "{\"campaignId\":\"%s\",\"characterId\":\"%s\",\"characterName\":\"Hero %s\","
            + "\"rollId\":\"%s\",\"rollFormula\":\"1d20+5\",\"result\":18,\"diceResults\":[13]}";

    private final LoadClients clients;
    private final int ingestPort;

    public DiceRolls(LoadClients clients, int ingestPort) {
        this.clients = clients;
        this.ingestPort = ingestPort;
    }

    /**
     * Posts one visible, non-critical roll; answers its Tavern roll id (the gateway's {@code data.id}).
     *
     * @param rollId the VTT's own id: a repeat is recorded once and answers the first recording's id
     */
    public Future<String> post(VttSetup.Campaign campaign, String characterId, String rollId) {
        return send(ingestPort, "/webhooks/vtt/dice-roll", campaign, characterId, rollId);
    }

    /** The same roll, with the same key header, to ingest-ceiling's {@code POST /rolls} (which reads neither). */
    public Future<String> postToCeiling(int ceilingPort, VttSetup.Campaign campaign, String characterId, String rollId) {
        return send(ceilingPort, "/rolls", campaign, characterId, rollId);
    }

    private Future<String> send(int port, String path, VttSetup.Campaign campaign, String characterId, String rollId) {
        String body = BODY.formatted(campaign.vttCampaignId(), characterId, characterId, rollId);
        return clients.send(HttpMethod.POST, port, path,
                        Map.of("Authorization", "Bearer " + campaign.apiKey(), "Content-Type", "application/json"),
                        Buffer.buffer(body))
                .map(answer -> new JsonObject(answer).getString("rollId"));
    }
}
