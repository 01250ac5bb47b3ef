package dev.tavern.ceiling;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;

/** {@code /ws/{channel}}: joins the channel; nothing else, server-to-client only. */
@WebSocket(path = "/ws/{channel}")
public class BroadcastSocket {

    private final Subscribers subscribers;

    BroadcastSocket(Subscribers subscribers) {
        this.subscribers = subscribers;
    }

    @OnOpen
    @NonBlocking
    public void open(WebSocketConnection connection, @PathParam String channel) {
        subscribers.join(channel, connection);
    }

    @OnClose
    @NonBlocking
    public void close(WebSocketConnection connection, @PathParam String channel) {
        subscribers.leave(channel, connection);
    }
}
