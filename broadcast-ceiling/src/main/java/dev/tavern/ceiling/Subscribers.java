package dev.tavern.ceiling;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.websockets.next.WebSocketConnection;

/** The open connections of each channel. */
@ApplicationScoped
public class Subscribers {

    private final Map<String, Set<WebSocketConnection>> channels = new ConcurrentHashMap<>();

    void join(String channel, WebSocketConnection connection) {
        channels.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    void leave(String channel, WebSocketConnection connection) {
        Set<WebSocketConnection> connections = channels.get(channel);
        if (connections != null) {
            connections.remove(connection);
        }
    }

    /** Sends the frame to every connection of the channel; a failed write means the client is gone. */
    void send(String channel, String frame) {
        channels.getOrDefault(channel, Set.of())
                .forEach(connection -> connection.sendText(frame).subscribe().with(sent -> { }, failure -> { }));
    }
}
