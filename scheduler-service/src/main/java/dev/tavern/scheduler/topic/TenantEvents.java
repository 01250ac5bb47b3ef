package dev.tavern.scheduler.topic;

import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.scheduler.tenant.Tenant;
import io.smallrye.mutiny.Uni;

/**
 * Publishes every change of a tenant on {@code tavern.tenants.v1} (compacted, keyed by the tenant's id), through the
 * outbox, in the transaction that made the change: the other services know tenants only from this topic.
 */
@ApplicationScoped
public class TenantEvents {

    public static final String TOPIC = "tavern.tenants.v1";
    public static final String TYPE = "tavern.tenant.changed";

    private final HibernateOutbox outbox;

    TenantEvents(HibernateOutbox outbox) {
        this.outbox = outbox;
    }

    /** @param hostnames the tenant's hostnames, lower-case and sorted */
    public Uni<UUID> changed(Tenant tenant, List<String> hostnames) {
        TenantMessage message = new TenantMessage(tenant.id, tenant.name, tenant.status.name(), hostnames, tenant.publicBaseUrl,
                tenant.adminKeyHash == null ? null : HexFormat.of().formatHex(tenant.adminKeyHash),
                tenant.revision, tenant.changedAt);
        return outbox.enqueue(TOPIC, tenant.id, TYPE, message);
    }
}
