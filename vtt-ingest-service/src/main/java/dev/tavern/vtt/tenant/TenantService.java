package dev.tavern.vtt.tenant;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.http.errors.ApiException;
import dev.tavern.http.security.Secrets;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TenantService {

    public record TenantKey(String id, String name, String adminKey) {
    }

    /** Creates a tenant and answers its admin key, the only time it is shown. */
    @WithTransaction
    public Uni<TenantKey> create(String id, String name) {
        return Tenant.<Tenant>findById(id).flatMap(existing -> {
            if (existing != null) {
                throw ApiException.conflict("Tenant " + id + " already exists");
            }
            String adminKey = Secrets.generate(TenantAdminIdentityProvider.ADMIN_KEY_PREFIX);
            Tenant tenant = new Tenant();
            tenant.id = id;
            tenant.name = name.strip();
            tenant.adminKeyHash = Secrets.hash(adminKey);
            tenant.createdAt = Instant.now();
            return tenant.persist().replaceWith(new TenantKey(id, tenant.name, adminKey));
        });
    }

    /** A new admin key; the old one stops working at once. */
    @WithTransaction
    public Uni<TenantKey> rotateAdminKey(String id) {
        return Tenant.<Tenant>findById(id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Tenant not found", "No tenant " + id))
                .map(tenant -> {
                    String adminKey = Secrets.generate(TenantAdminIdentityProvider.ADMIN_KEY_PREFIX);
                    tenant.adminKeyHash = Secrets.hash(adminKey);
                    return new TenantKey(tenant.id, tenant.name, adminKey);
                });
    }
}
