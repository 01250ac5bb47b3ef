package dev.tavern.scheduler.tenant;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.tavern.http.errors.ApiException;
import dev.tavern.http.security.Roles;
import dev.tavern.http.security.Secrets;
import dev.tavern.scheduler.topic.TenantEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * Operators onboard communities, change them, suspend, resume and delete them, and issue their admin keys. Every change
 * bumps the tenant's revision and is published on {@code tavern.tenants.v1} in its transaction.
 */
@ApplicationScoped
public class TenantService {

    private final TenantEvents tenantEvents;

    TenantService(TenantEvents tenantEvents) {
        this.tenantEvents = tenantEvents;
    }

    @WithSession
    public Uni<List<TenantView>> list() {
        return Tenant.<Tenant>listAll(Sort.by("id")).flatMap(tenants -> TenantHostname.<TenantHostname>listAll(Sort.by("hostname"))
                .map(hostnames -> {
                    Map<String, List<String>> byTenant = hostnames.stream().collect(
                            Collectors.groupingBy(h -> h.tenantId, Collectors.mapping(h -> h.hostname, Collectors.toList())));
                    return tenants.stream().map(t -> TenantView.of(t, byTenant.getOrDefault(t.id, List.of()))).toList();
                }));
    }

    @WithSession
    public Uni<TenantView> get(String id) {
        return Tenant.<Tenant>findById(id)
                .onItem().ifNull().failWith(() -> notFound(id))
                .flatMap(tenant -> hostnamesOf(id).map(hostnames -> TenantView.of(tenant, hostnames)));
    }

    /** The answer carries the admin key, which is not kept. 409 for an id taken, even by a deleted tenant. */
    @WithTransaction
    public Uni<TenantView> create(TenantRequest request) {
        if (request.id() == null) {
            return Uni.createFrom().failure(ApiException.invalid("id", "Id is required"));
        }
        List<String> hostnames = normalized(request.hostnames());
        String adminKey = Secrets.generate(Roles.TENANT_ADMIN_KEY_PREFIX);
        return Tenant.<Tenant>findById(request.id())
                .flatMap(existing -> {
                    if (existing != null) {
                        throw ApiException.conflict("Tenant " + request.id() + " exists"
                                + (existing.status == TenantStatus.DELETED ? " (deleted: a tenant's id is never reused)" : ""));
                    }
                    Tenant tenant = new Tenant();
                    tenant.id = request.id();
                    tenant.status = TenantStatus.ACTIVE;
                    tenant.adminKeyHash = Secrets.hash(adminKey);
                    tenant.createdAt = Instant.now();
                    apply(tenant, request);
                    // Flushed before its hostnames, which refer to it; a concurrent creation of the id fails here, as a 409.
                    return tenant.persist().flatMap(saved -> Panache.flush())
                            .flatMap(flushed -> replaceHostnames(tenant.id, hostnames))
                            .flatMap(replaced -> recordChange(tenant, hostnames));
                })
                .map(view -> view.withAdminKey(adminKey));
    }

    /** Replaces the name, base URL and hostnames of a tenant that is not deleted. */
    @WithTransaction
    public Uni<TenantView> update(String id, TenantRequest request) {
        if (request.id() != null && !request.id().equals(id)) {
            return Uni.createFrom().failure(ApiException.invalid("id", "A tenant's id never changes: omit it, or send " + id));
        }
        List<String> hostnames = normalized(request.hostnames());
        return change(id, tenant -> {
            apply(tenant, request);
            return replaceHostnames(id, hostnames).replaceWith(hostnames);
        });
    }

    /** Its hostnames are refused (403) until it is resumed. */
    @WithTransaction
    public Uni<TenantView> suspend(String id) {
        return change(id, tenant -> {
            tenant.status = TenantStatus.SUSPENDED;
            return hostnamesOf(id);
        });
    }

    @WithTransaction
    public Uni<TenantView> resume(String id) {
        return change(id, tenant -> {
            tenant.status = TenantStatus.ACTIVE;
            return hostnamesOf(id);
        });
    }

    /**
     * For good: its hostnames are released (another tenant may claim them, and until then they serve the default
     * tenant) and its admin key stops working. The row stays, so that the id is never reused.
     */
    @WithTransaction
    public Uni<Void> delete(String id) {
        return change(id, tenant -> {
            tenant.status = TenantStatus.DELETED;
            tenant.adminKeyHash = null;
            return TenantHostname.delete("tenantId", id).replaceWith(List.<String>of());
        }).replaceWithVoid();
    }

    /** A new admin key, shown once in the answer; the previous one stops working once consumers read the record. */
    @WithTransaction
    public Uni<TenantView> issueAdminKey(String id) {
        String adminKey = Secrets.generate(Roles.TENANT_ADMIN_KEY_PREFIX);
        return change(id, tenant -> {
            tenant.adminKeyHash = Secrets.hash(adminKey);
            return hostnamesOf(id);
        }).map(view -> view.withAdminKey(adminKey));
    }

    /**
     * Applies a change to a tenant that exists and is not deleted, then records it. The row stays locked until commit,
     * so changes to one tenant apply one at a time and their revisions reach the topic in order.
     *
     * @param change changes the tenant and answers its hostnames after the change
     */
    private Uni<TenantView> change(String id, Function<Tenant, Uni<List<String>>> change) {
        return Tenant.<Tenant>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> notFound(id))
                .flatMap(tenant -> {
                    if (tenant.status == TenantStatus.DELETED) {
                        throw ApiException.conflict("Tenant " + id + " is deleted");
                    }
                    return change.apply(tenant).flatMap(hostnames -> recordChange(tenant, hostnames));
                });
    }

    private Uni<TenantView> recordChange(Tenant tenant, List<String> hostnames) {
        tenant.revision++;
        // At the database's precision, so the record and a later read of the row agree.
        tenant.changedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return tenantEvents.changed(tenant, hostnames).replaceWith(() -> TenantView.of(tenant, hostnames));
    }

    private static void apply(Tenant tenant, TenantRequest request) {
        tenant.name = request.name().strip();
        tenant.publicBaseUrl = request.publicBaseUrl().strip();
    }

    /** 409 if one of them belongs to another tenant; of two tenants claiming one at once, the second fails on its key (409 too). */
    private static Uni<Void> replaceHostnames(String tenantId, List<String> hostnames) {
        Uni<List<TenantHostname>> claimed = hostnames.isEmpty() ? Uni.createFrom().item(List.of())
                : TenantHostname.list("hostname in ?1 and tenantId <> ?2", hostnames, tenantId);
        return claimed
                .flatMap(others -> {
                    if (!others.isEmpty()) {
                        throw ApiException.conflict("Hostname " + others.get(0).hostname + " belongs to another tenant");
                    }
                    return TenantHostname.delete("tenantId", tenantId);
                })
                .flatMap(deleted -> Panache.flush())
                .flatMap(flushed -> persistHostnames(tenantId, hostnames));
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

    private static Uni<List<String>> hostnamesOf(String tenantId) {
        return TenantHostname.<TenantHostname>list("tenantId", Sort.by("hostname"), tenantId)
                .map(hostnames -> hostnames.stream().map(h -> h.hostname).toList());
    }

    /** As the Host header is matched, and as the topic carries them: lower-case, once each, sorted. */
    private static List<String> normalized(List<String> hostnames) {
        return hostnames.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).distinct().sorted().toList();
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Tenant not found", "No tenant " + id);
    }
}
