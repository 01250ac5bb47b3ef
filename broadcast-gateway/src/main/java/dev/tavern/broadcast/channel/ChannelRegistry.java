package dev.tavern.broadcast.channel;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.CloseReason;

/**
 * This node's open connections by channel, grouped by the event loop each socket lives on, so that a poll's messages
 * are one task per event loop rather than one per connection ({@link Delivery}). Every change replaces the group's
 * array: a message in flight keeps the members it was sent to, and a joining client is never sent a message from
 * before it joined.
 */
@ApplicationScoped
public class ChannelRegistry {

    private static final Subscriber[] NONE = new Subscriber[0];

    private final Map<String, Map<EventLoop, Subscriber[]>> byChannel = new ConcurrentHashMap<>();
    private final AtomicInteger campaignConnections = new AtomicInteger();
    private final AtomicInteger streamerConnections = new AtomicInteger();

    ChannelRegistry(MeterRegistry metrics) {
        Gauge.builder("tavern.broadcast.connections", campaignConnections, AtomicInteger::get).tag("type", "campaign")
                .description("Open WebSocket connections on this node").register(metrics);
        Gauge.builder("tavern.broadcast.connections", streamerConnections, AtomicInteger::get).tag("type", "streamer")
                .description("Open WebSocket connections on this node").register(metrics);
    }

    void join(Subscriber subscriber) {
        byChannel.compute(subscriber.channel(), (channel, groups) -> {
            Map<EventLoop, Subscriber[]> changed = groups == null ? new HashMap<>() : new HashMap<>(groups);
            Subscriber[] members = changed.getOrDefault(subscriber.loop(), NONE);
            Subscriber[] joined = Arrays.copyOf(members, members.length + 1);
            joined[members.length] = subscriber;
            changed.put(subscriber.loop(), joined);
            counterOf(channel).incrementAndGet();
            return Map.copyOf(changed);
        });
    }

    void leave(Subscriber subscriber) {
        byChannel.computeIfPresent(subscriber.channel(), (channel, groups) -> {
            Subscriber[] members = groups.getOrDefault(subscriber.loop(), NONE);
            Subscriber[] left = Arrays.stream(members).filter(member -> member != subscriber).toArray(Subscriber[]::new);
            if (left.length == members.length) {
                return groups;
            }
            counterOf(channel).decrementAndGet();
            Map<EventLoop, Subscriber[]> changed = new HashMap<>(groups);
            if (left.length == 0) {
                changed.remove(subscriber.loop());
            } else {
                changed.put(subscriber.loop(), left);
            }
            return changed.isEmpty() ? null : Map.copyOf(changed);
        });
    }

    /** The channel's connections now, by event loop; the arrays are never changed afterwards. */
    Map<EventLoop, Subscriber[]> groups(String channel) {
        return byChannel.getOrDefault(channel, Map.of());
    }

    int connectionCount(String channel) {
        return groups(channel).values().stream().mapToInt(members -> members.length).sum();
    }

    int connectionCount() {
        return campaignConnections.get() + streamerConnections.get();
    }

    private AtomicInteger counterOf(String channel) {
        return Channels.isCampaign(channel) ? campaignConnections : streamerConnections;
    }

    /** RFC 6455 1001 "going away": clients reconnect, to another replica if this one is leaving. */
    void closeAll(@Observes ShutdownEvent event) {
        byChannel.values().stream().flatMap(groups -> groups.values().stream()).flatMap(Arrays::stream).map(Subscriber::connection)
                .forEach(connection -> connection.close(new CloseReason(1001, "Server shutting down")).subscribe().with(c -> { }, f -> { }));
    }

}
