package dev.tavern.scheduler.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.http.errors.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Operators add communities and the hostnames that reach them. */
@ApplicationScoped
public class TenantService {

    @WithSession
    public Uni<List<TenantView>> list() {
        return Tenant.<Tenant>listAll().flatMap(tenants -> TenantHostname.<TenantHostname>listAll()
                .map(hostnames -> tenants.stream()
                        .map(t -> new TenantView(t.id, t.name, t.publicBaseUrl, hostnames.stream()
                                .filter(h -> h.tenantId.equals(t.id)).map(h -> h.hostname).sorted().toList()))
                        .toList()));
    }

    /** Creates the tenant, or replaces its name, base URL and hostnames. */
    @WithTransaction
    public Uni<TenantView> put(String id, TenantRequest request) {
        List<String> hostnames = request.hostnames().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        return TenantHostname.<TenantHostname>list("hostname in ?1 and tenantId <> ?2", hostnames, id)
                .flatMap(claimed -> {
                    if (!claimed.isEmpty()) {
                        throw ApiException.conflict("Hostname " + claimed.get(0).hostname + " belongs to another tenant");
                    }
                    return Tenant.<Tenant>findById(id);
                })
                .flatMap(existing -> {
                    Tenant tenant = existing != null ? existing : newTenant(id);
                    tenant.name = request.name().strip();
                    tenant.publicBaseUrl = request.publicBaseUrl().strip();
                    return tenant.persist()
                            .flatMap(saved -> TenantHostname.delete("tenantId", id))
                            .flatMap(deleted -> Panache.flush())
                            .flatMap(flushed -> persistHostnames(id, hostnames))
                            .replaceWith(new TenantView(id, tenant.name, tenant.publicBaseUrl, hostnames.stream().sorted().toList()));
                });
    }

    private static Tenant newTenant(String id) {
        Tenant tenant = new Tenant();
        tenant.id = id;
        tenant.createdAt = Instant.now();
        return tenant;
    }

    private static Uni<Void> persistHostnames(String tenantId, List<String> hostnames) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String name : hostnames) {
            TenantHostname hostname = new TenantHostname();
            hostname.hostname = name;
            hostname.tenantId = tenantId;
            chain = chain.flatMap(previous -> hostname.persist().replaceWithVoid());
        }
        return chain;
    }
}
