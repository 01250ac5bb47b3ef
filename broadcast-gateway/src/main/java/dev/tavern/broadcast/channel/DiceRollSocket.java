package dev.tavern.broadcast.channel;

import java.util.Set;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/** {@code /ws/campaign/{id}/dice-rolls} and {@code /ws/streamer/{id}/dice-rolls}: server-to-client only. */
@WebSocket(path = "/ws/{kind}/{id}/dice-rolls")
public class DiceRollSocket {

    private static final Set<String> KINDS = Set.of("campaign", "streamer");
    /** RFC 6455 1008: the endpoint refuses a message or connection that violates its policy. */
    private static final int POLICY_VIOLATION = 1008;

    private static final String RESYNC = "{\"type\":\"resync\"}";

    private final ChannelRegistry registry;
    private final ChannelHistory history;

    DiceRollSocket(ChannelRegistry registry, ChannelHistory history) {
        this.registry = registry;
        this.history = history;
    }

    /**
     * Joins the channel. With {@code ?since=<offset>} the client first gets what it missed, or
     * {@code {"type":"resync"}} when history no longer covers it; under the channel's lock, so
     * no live message slips in between the catch-up and the join.
     */
    @OnOpen
    public Uni<Void> open(WebSocketConnection connection, @PathParam String kind, @PathParam String id) {
        if (!KINDS.contains(kind)) {
            return connection.close(new CloseReason(POLICY_VIOLATION, "Unknown channel kind: " + kind));
        }
        String channel = channel(kind, id);
        Long since = since(connection);
        synchronized (history.lockOf(channel)) {
            if (since != null) {
                history.since(channel, since).ifPresentOrElse(
                        missed -> missed.forEach(message -> send(connection, message.frame())),
                        () -> send(connection, RESYNC));
            }
            registry.join(channel, connection);
        }
        return Uni.createFrom().voidItem();
    }

    /** Writes are issued in call order; a failed one means the client is gone. */
    private static void send(WebSocketConnection connection, String frame) {
        connection.sendText(frame).subscribe().with(sent -> { }, failure -> { });
    }

    private static Long since(WebSocketConnection connection) {
        String query = connection.handshakeRequest().query();
        if (query == null) {
            return null;
        }
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("since=")) {
                try {
                    return Long.parseLong(parameter.substring(6));
                } catch (NumberFormatException e) {
                    return Long.MIN_VALUE; // Not an offset this gateway gave out: resync.
                }
            }
        }
        return null;
    }

    @OnClose
    public void close(WebSocketConnection connection, @PathParam String kind, @PathParam String id) {
        registry.leave(channel(kind, id), connection);
    }

    private static String channel(String kind, String id) {
        return kind + "/" + id + "/dice-rolls";
    }
}
