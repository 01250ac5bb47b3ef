package dev.tavern.load.scenario;

import java.util.Map;
import java.util.UUID;

import dev.tavern.load.LoadClients;
import dev.tavern.load.RollJoin;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * The same layout on broadcast-ceiling: the generator posts each frame to its trigger with the channels it goes to,
 * and the application writes it to their clients. What is left of the path is HTTP in, WebSocket frames out.
 */
final class CeilingBroadcast extends BroadcastPath {

    private final LoadClients http;
    private final int port;

    CeilingBroadcast(ScenarioContext context, Layout layout) {
        super("ceiling", layout);
        this.http = context.clients();
        this.port = context.ceiling().port();
        for (int c = 0; c < layout.campaigns(); c++) {
            subscribe(port, "/ws/" + campaignChannel(c), layout.campaignClients());
            for (int k = 0; k < layout.streamersPerCampaign(); k++) {
                subscribe(port, "/ws/" + streamerChannel(c, k), layout.streamerClients());
            }
        }
    }

    private static String campaignChannel(int c) {
        return "campaign-" + c;
    }

    private static String streamerChannel(int c, int k) {
        return "streamer-" + c + "-" + k;
    }

    /** The id is the generator's own, known before the frame leaves. */
    @Override
    Future<?> publish(String runLabel, long index, long intendedNanos, RollJoin join) {
        UUID id = UUID.randomUUID();
        join.sent(id.toString(), intendedNanos);
        int c = layout().campaignOf(index);
        String channels = "channel=" + campaignChannel(c)
                + (layout().streamersPerCampaign() > 0 ? "&channel=" + streamerChannel(c, layout().characterOf(index)) : "");
        return http.send(HttpMethod.POST, port, "/broadcast?" + channels, Map.of("Content-Type", "text/plain"),
                Buffer.buffer(Frames.diceRoll(id, index)));
    }
}
