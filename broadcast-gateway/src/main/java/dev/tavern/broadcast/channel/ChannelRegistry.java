package dev.tavern.broadcast.channel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.CloseReason;
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

    /** RFC 6455 1001 "going away": clients reconnect, to another replica if this one is leaving. */
    void closeAll(@Observes ShutdownEvent event) {
        byChannel.values().forEach(connections -> connections.forEach(connection ->
                connection.close(new CloseReason(1001, "Server shutting down")).subscribe().with(closed -> { }, failure -> { })));
    }
}
