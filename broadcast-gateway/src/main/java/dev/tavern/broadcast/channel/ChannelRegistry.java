package dev.tavern.broadcast.channel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.websockets.next.WebSocketConnection;

/** This node's open connections, by channel. */
@ApplicationScoped
public class ChannelRegistry {

    private final ConcurrentHashMap<String, Set<WebSocketConnection>> byChannel = new ConcurrentHashMap<>();

    void join(String channel, WebSocketConnection connection) {
        byChannel.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    void leave(String channel, WebSocketConnection connection) {
        byChannel.computeIfPresent(channel, (c, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
    }

    Set<WebSocketConnection> connections(String channel) {
        return byChannel.getOrDefault(channel, Set.of());
    }
}
