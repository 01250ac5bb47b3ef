package dev.tavern.broadcast.subscription;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.tavern.tenants.TenantRecord;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.UserData;

/**
 * Closes this node's sockets of a community as soon as its record on {@code tavern.tenants.v1} says it is no longer
 * active; the upgrade refuses new ones (SubscriptionCheck). The close code tells overlays to try again later, since a
 * suspension may be lifted, unlike a revoked token.
 */
@ApplicationScoped
public class TenantConnections {

    /** The tenant ({@code tenant} claim) a connection's token was issued to, set at the upgrade. */
    public static final UserData.TypedKey<String> TENANT_ID = UserData.TypedKey.forString("tavern.subscription.tenant-id");
    /** Application close code (RFC 6455 private range): the community is suspended or deleted. */
    public static final int NOT_SERVED = 4004;

    private final OpenConnections connections;

    TenantConnections(OpenConnections connections) {
        this.connections = connections;
    }

    void closeWhenNotServed(@Observes TenantRecord tenant) {
        if (tenant.active()) {
            return;
        }
        TaggedSockets.close(connections, TENANT_ID, tenant.id(),
                new CloseReason(NOT_SERVED, "Community " + tenant.status().name().toLowerCase()));
    }
}
