package dev.tavern.broadcast.subscription;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;

/** This node's sockets by what their upgrade recorded of them (the token id, the tenant), to close at once. */
final class TaggedSockets {

    private static final Logger LOG = Logger.getLogger(TaggedSockets.class);

    private TaggedSockets() {
    }

    /** Closes every socket open on this node whose upgrade recorded {@code value} under {@code tag}. */
    static void close(OpenConnections connections, UserData.TypedKey<String> tag, String value, CloseReason reason) {
        for (WebSocketConnection connection : connections) {
            if (value.equals(connection.userData().get(tag))) {
                LOG.debugf("Closing connection %s: %s", connection.id(), reason.getMessage());
                connection.close(reason).subscribe().with(c -> { }, f -> { });
            }
        }
    }
}
