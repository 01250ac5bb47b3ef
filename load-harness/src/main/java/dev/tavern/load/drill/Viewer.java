package dev.tavern.load.drill;

import java.io.IOException;
import java.util.Collection;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tavern.load.LoadClients;
import dev.tavern.local.ServiceProcess;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * One viewer of a channel, as an overlay is: it counts every roll it is sent by Tavern roll id, remembers the position
 * of the last frame that carried one, and when its connection drops it reconnects, to the gateway it is told to fail
 * over to, with {@code ?since=<last position>} so the gateway sends what it missed. A {@code resync} answer (the gateway cannot tell
 * what it missed) is counted.
 */
final class Viewer {

    private static final long RECONNECT_PAUSE_MILLIS = 500;

    private final DrillKit kit;
    private final String channel;
    private final String token;
    private final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    private final AtomicReference<String> position = new AtomicReference<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger resyncs = new AtomicInteger();
    private volatile ServiceProcess gateway;
    private volatile boolean leaving;
    private volatile WebSocket socket;

    Viewer(DrillKit kit, String channel, String token) {
        this.kit = kit;
        this.channel = channel;
        this.token = token;
    }

    /** Connects to the gateway (and reconnects there from now on when the connection drops). */
    void watch(ServiceProcess gateway) {
        this.gateway = gateway;
        connect();
    }

    /** Where to reconnect when the connection drops. */
    void failOverTo(ServiceProcess survivor) {
        this.gateway = survivor;
    }

    private void connect() {
        String since = position.get();
        String uri = "/ws/" + channel + "?token=" + token + (since != null ? "&since=" + since : "");
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(LoadClients.HOST).setPort(gateway.port())
                .setURI(uri);
        kit.clients().webSockets().connect(options)
                .onSuccess(connected -> {
                    socket = connected;
                    connections.incrementAndGet();
                    connected.textMessageHandler(this::receive);
                    // A gateway killed under it resets the connection: expected here, and the close handler follows.
                    connected.exceptionHandler(reset -> { });
                    connected.closeHandler(closed -> reconnect());
                })
                .onFailure(failure -> reconnect());
    }

    private void reconnect() {
        socket = null;
        if (!leaving) {
            kit.vertx().setTimer(RECONNECT_PAUSE_MILLIS, id -> connect());
        }
    }

    private void receive(String text) {
        JsonNode frame;
        try {
            frame = kit.json().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("A frame that is not JSON: " + text, e);
        }
        if (frame.hasNonNull("position")) {
            position.set(frame.get("position").asText());
        }
        String type = frame.path("type").asText();
        if (type.equals("resync")) {
            resyncs.incrementAndGet();
        } else if (type.startsWith("dice:")) {
            arrivals.computeIfAbsent(frame.at("/data/id").asText(), id -> new AtomicInteger()).incrementAndGet();
        }
    }

    boolean connected() {
        return socket != null;
    }

    /** Connections opened so far: 1 before the failover, 2 once reconnected. */
    int connections() {
        return connections.get();
    }

    boolean hasPosition() {
        return position.get() != null;
    }

    int resyncs() {
        return resyncs.get();
    }

    boolean receivedAll(Collection<String> rollIds) {
        return arrivals.keySet().containsAll(rollIds);
    }

    long delivered(Collection<String> rollIds) {
        return rollIds.stream().filter(arrivals::containsKey).count();
    }

    long duplicated() {
        return arrivals.values().stream().mapToLong(times -> times.get() - 1).sum();
    }

    /** Rolls that arrived although their POST got no acknowledgement. */
    long unexpected(Set<String> rollIds) {
        return arrivals.keySet().stream().filter(id -> !rollIds.contains(id)).count();
    }

    void leave() {
        leaving = true;
        WebSocket open = socket;
        if (open != null) {
            open.close();
        }
    }
}
