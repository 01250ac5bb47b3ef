package dev.tavern.broadcast.channel;

import java.util.Set;

import dev.tavern.broadcast.GatewayConfig;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/** {@code /ws/campaign/{id}/dice-rolls} and {@code /ws/streamer/{id}/dice-rolls}: server-to-client only. */
@WebSocket(path = "/ws/{kind}/{id}/dice-rolls")
public class DiceRollSocket {

    private static final Set<String> KINDS = Set.of("campaign", "streamer");
    /** RFC 6455 1008: the endpoint refuses a message or connection that violates its policy. */
    private static final int POLICY_VIOLATION = 1008;

    /** The connection as the fan-out knows it, from its opening to its close. */
    private static final UserData.TypedKey<Subscriber> SUBSCRIBER = new UserData.TypedKey<>("tavern.broadcast.subscriber");

    private final Broadcaster broadcaster;
    private final GatewayConfig config;

    DiceRollSocket(Broadcaster broadcaster, GatewayConfig config) {
        this.broadcaster = broadcaster;
        this.config = config;
    }

    /** Joins the channel; with {@code ?since=<position>} after what the client missed ({@link Broadcaster#subscribe}). */
    @OnOpen
    public Uni<Void> open(WebSocketConnection connection, @PathParam String kind, @PathParam String id) {
        if (!KINDS.contains(kind)) {
            return connection.close(new CloseReason(POLICY_VIOLATION, "Unknown channel kind: " + kind));
        }
        Subscriber subscriber = new Subscriber(connection, channel(kind, id), config.maxQueuedBytes());
        connection.userData().put(SUBSCRIBER, subscriber);
        broadcaster.subscribe(subscriber, since(connection));
        return Uni.createFrom().voidItem();
    }

    private static String since(WebSocketConnection connection) {
        String query = connection.handshakeRequest().query();
        if (query == null) {
            return null;
        }
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("since=")) {
                return parameter.substring(6);
            }
        }
        return null;
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        Subscriber subscriber = connection.userData().get(SUBSCRIBER);
        if (subscriber != null) {
            broadcaster.unsubscribe(subscriber);
        }
    }

    private static String channel(String kind, String id) {
        return kind + "/" + id + "/dice-rolls";
    }
}
