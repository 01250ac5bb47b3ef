package dev.tavern.tenants;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.tavern.http.security.Secrets;

/**
 * Every tenant as its latest record on {@code tavern.tenants.v1} says, held in memory: a few hundred bytes a tenant,
 * read whole at start ({@link TenantsReplay}) and followed. Asking costs no round trip, so the hot paths ask on every
 * request and a suspension takes effect as soon as its record is read. A change is announced as a CDI event of the
 * new {@link TenantRecord}, for what a service must undo at once (open sockets, cached credentials).
 */
@ApplicationScoped
public class TenantDirectory {

    private final Map<String, TenantRecord> tenants = new ConcurrentHashMap<>();
    /** Active tenants by the hex hash of their admin key. */
    private final Map<String, String> byAdminKeyHash = new ConcurrentHashMap<>();
    private final Event<TenantRecord> changes;

    TenantDirectory(Event<TenantRecord> changes, MeterRegistry metrics) {
        this.changes = changes;
        Gauge.builder("tavern.tenants.known", tenants, Map::size)
                .description("Tenants this replica knows from tavern.tenants.v1, whatever their status").register(metrics);
    }

    /** The tenant's latest record, whatever its status; empty for an id never published. */
    public Optional<TenantRecord> find(String tenantId) {
        return Optional.ofNullable(tenants.get(tenantId));
    }

    /** Whether the tenant is known and active: what a service that only serves published tenants asks. */
    public boolean serves(String tenantId) {
        TenantRecord tenant = tenants.get(tenantId);
        return tenant != null && tenant.active();
    }

    /** The active tenant whose admin key this is, compared in constant time; empty for any other key. */
    public Optional<TenantRecord> byAdminKey(String adminKey) {
        String hash = Secrets.hashHex(adminKey);
        return Optional.ofNullable(byAdminKeyHash.get(hash))
                .map(tenants::get)
                .filter(tenant -> tenant.active() && tenant.adminKeyHash() != null && MessageDigest.isEqual(
                        hash.getBytes(StandardCharsets.US_ASCII), tenant.adminKeyHash().getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Takes a record read from the topic. One at or below the revision held is a replay or a duplicate and changes
     * nothing, so records may arrive any number of times.
     */
    void apply(TenantRecord record) {
        TenantRecord previous = tenants.get(record.id());
        if (previous != null && previous.revision() >= record.revision()) {
            return;
        }
        tenants.put(record.id(), record);
        if (previous != null && previous.adminKeyHash() != null) {
            byAdminKeyHash.remove(previous.adminKeyHash(), record.id());
        }
        if (record.active() && record.adminKeyHash() != null) {
            byAdminKeyHash.put(record.adminKeyHash(), record.id());
        }
        changes.fire(record);
    }
}
