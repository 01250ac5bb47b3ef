package dev.tavern.load.scenario;

import java.util.ArrayList;
import java.util.List;

import dev.tavern.load.RollJoin;
import dev.tavern.load.WebSocketFleet;
import io.vertx.core.Future;

/** A way messages reach WebSocket clients: Tavern (ingest, Kafka, gateway) or the ceiling application. */
abstract class BroadcastPath {

    private final String name;
    private final Layout layout;
    private final List<WebSocketFleet.Target> clients = new ArrayList<>();

    BroadcastPath(String name, Layout layout) {
        this.name = name;
        this.layout = layout;
    }

    String name() {
        return name;
    }

    Layout layout() {
        return layout;
    }

    /** Where each client connects, following the layout. */
    List<WebSocketFleet.Target> clients() {
        return clients;
    }

    /** Adds {@code count} clients of one channel. */
    void subscribe(int port, String uri, int count) {
        for (int i = 0; i < count; i++) {
            clients.add(new WebSocketFleet.Target(port, uri));
        }
    }

    /** Publishes message {@code index} of a run and tells the join its id and intended start once known. */
    abstract Future<?> publish(String runLabel, long index, long intendedNanos, RollJoin join);
}
