package dev.tavern.load.scenario;

import java.util.List;

import dev.tavern.load.RollJoin;
import dev.tavern.load.WebSocketFleet;
import io.vertx.core.Future;

/** A way messages reach WebSocket clients: Tavern (ingest, Kafka, gateway) or the ceiling application. */
interface BroadcastPath {

    String name();

    Layout layout();

    /** Where each client connects, following the layout. */
    List<WebSocketFleet.Target> clients();

    /** Publishes message {@code index} of a run and tells the join its id and intended start once known. */
    Future<?> publish(String runLabel, long index, long intendedNanos, RollJoin join);
}
