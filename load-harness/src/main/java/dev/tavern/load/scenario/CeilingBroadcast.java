package dev.tavern.load.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.tavern.load.RollJoin;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * The same layout on broadcast-ceiling, whose clients get each frame the generator hands over with the channels it goes
 * to: either straight to its HTTP trigger (what is left of the path is HTTP in, WebSocket frames out), or through
 * ingest-ceiling, which inserts it and produces it to Kafka before broadcast-ceiling reads it (the end-to-end path's
 * irreducible work: a durable INSERT, an acknowledged record, a fetch, the frames).
 */
final class CeilingBroadcast extends BroadcastPath {

    /** Hands one frame over for the given channels. */
    private interface Trigger {
        Future<?> send(List<String> channels, String frame);
    }

    private final Trigger trigger;

    private CeilingBroadcast(String name, ScenarioContext context, Layout layout, Trigger trigger) {
        super(name, layout);
        this.trigger = trigger;
        int port = context.ceiling().port();
        for (int c = 0; c < layout.campaigns(); c++) {
            subscribe(port, "/ws/" + campaignChannel(c), layout.campaignClients());
            for (int k = 0; k < layout.streamersPerCampaign(); k++) {
                subscribe(port, "/ws/" + streamerChannel(c, k), layout.streamerClients());
            }
        }
    }

    /** {@code POST /broadcast?channel=...} on broadcast-ceiling, the frame as the body. */
    static CeilingBroadcast direct(ScenarioContext context, Layout layout) {
        int port = context.ceiling().port();
        return new CeilingBroadcast("ceiling", context, layout, (channels, frame) -> context.clients().send(HttpMethod.POST,
                port, "/broadcast?" + channels.stream().map(channel -> "channel=" + channel).collect(Collectors.joining("&")),
                Map.of("Content-Type", "text/plain"), Buffer.buffer(frame)));
    }

    /** {@code POST /frames} on ingest-ceiling, the body {@code channel,channel\nframe}, which broadcast-ceiling reads off Kafka. */
    static CeilingBroadcast throughKafka(ScenarioContext context, Layout layout) {
        int port = context.ingestCeiling().port();
        return new CeilingBroadcast("same-work ceiling", context, layout, (channels, frame) -> context.clients().send(
                HttpMethod.POST, port, "/frames", Map.of("Content-Type", "text/plain"),
                Buffer.buffer(String.join(",", channels) + "\n" + frame)));
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
        List<String> channels = new ArrayList<>(List.of(campaignChannel(c)));
        if (layout().streamersPerCampaign() > 0) {
            channels.add(streamerChannel(c, layout().characterOf(index)));
        }
        return trigger.send(channels, Frames.diceRoll(id, index));
    }
}
