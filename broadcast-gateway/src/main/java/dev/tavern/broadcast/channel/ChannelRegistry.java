package dev.tavern.broadcast.channel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/** This node's open connections by channel, each with the number of its messages still on their way out. */
@ApplicationScoped
public class ChannelRegistry {

    private final Map<String, Map<WebSocketConnection, AtomicInteger>> byChannel = new ConcurrentHashMap<>();
    private final AtomicInteger campaignConnections = new AtomicInteger();
    private final AtomicInteger streamerConnections = new AtomicInteger();

    ChannelRegistry(MeterRegistry metrics) {
        Gauge.builder("tavern.broadcast.connections", campaignConnections, AtomicInteger::get).tag("type", "campaign")
                .description("Open WebSocket connections on this node").register(metrics);
        Gauge.builder("tavern.broadcast.connections", streamerConnections, AtomicInteger::get).tag("type", "streamer")
                .description("Open WebSocket connections on this node").register(metrics);
    }

    void join(String channel, WebSocketConnection connection) {
        byChannel.computeIfAbsent(channel, c -> new ConcurrentHashMap<>()).put(connection, new AtomicInteger());
        counterOf(channel).incrementAndGet();
    }

    void leave(String channel, WebSocketConnection connection) {
        byChannel.computeIfPresent(channel, (c, connections) -> {
            if (connections.remove(connection) != null) {
                counterOf(channel).decrementAndGet();
            }
            return connections.isEmpty() ? null : connections;
        });
    }

    /** The channel's connections with their count of queued messages. */
    Map<WebSocketConnection, AtomicInteger> connections(String channel) {
        return byChannel.getOrDefault(channel, Map.of());
    }

    int connectionCount(String channel) {
        return connections(channel).size();
    }

    int connectionCount() {
        return campaignConnections.get() + streamerConnections.get();
    }

    private AtomicInteger counterOf(String channel) {
        return channel.startsWith("campaign/") ? campaignConnections : streamerConnections;
    }

    /** RFC 6455 1001 "going away": clients reconnect, to another replica if this one is leaving. */
    void closeAll(@Observes ShutdownEvent event) {
        byChannel.values().forEach(connections -> connections.keySet().forEach(connection ->
                connection.close(new CloseReason(1001, "Server shutting down")).subscribe().with(closed -> { }, failure -> { })));
    }
}
