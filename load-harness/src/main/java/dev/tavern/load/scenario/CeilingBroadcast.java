package dev.tavern.load.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tavern.load.LoadClients;
import dev.tavern.load.RollJoin;
import dev.tavern.load.WebSocketFleet;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * The same layout on broadcast-ceiling: the generator posts each frame to its trigger with the channels it goes to,
 * and the application writes it to their clients. What is left of the path is HTTP in, WebSocket frames out.
 */
final class CeilingBroadcast implements BroadcastPath {

    private final Layout layout;
    private final LoadClients http;
    private final int port;
    private final List<WebSocketFleet.Target> clients = new ArrayList<>();

    CeilingBroadcast(ScenarioContext context, Layout layout) {
        this.layout = layout;
        this.http = context.clients();
        this.port = context.ceiling().port();
        for (int c = 0; c < layout.campaigns(); c++) {
            subscribe(campaignChannel(c), layout.campaignClients());
            for (int k = 0; k < layout.streamersPerCampaign(); k++) {
                subscribe(streamerChannel(c, k), layout.streamerClients());
            }
        }
    }

    private void subscribe(String channel, int count) {
        for (int i = 0; i < count; i++) {
            clients.add(new WebSocketFleet.Target(port, "/ws/" + channel));
        }
    }

    private static String campaignChannel(int c) {
        return "campaign-" + c;
    }

    private static String streamerChannel(int c, int k) {
        return "streamer-" + c + "-" + k;
    }

    @Override
    public String name() {
        return "ceiling";
    }

    @Override
    public Layout layout() {
        return layout;
    }

    @Override
    public List<WebSocketFleet.Target> clients() {
        return clients;
    }

    /** The id is the generator's own, known before the frame leaves. */
    @Override
    public Future<?> publish(String runLabel, long index, long intendedNanos, RollJoin join) {
        UUID id = UUID.randomUUID();
        join.sent(id.toString(), intendedNanos);
        int c = layout.campaignOf(index);
        String channels = "channel=" + campaignChannel(c)
                + (layout.streamersPerCampaign() > 0 ? "&channel=" + streamerChannel(c, layout.characterOf(index)) : "");
        return http.send(HttpMethod.POST, port, "/broadcast?" + channels, Map.of("Content-Type", "text/plain"),
                Buffer.buffer(Frames.diceRoll(id, index)));
    }
}
