package dev.tavern.tenants;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.http.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/** The tenant whose admin key authenticated this management request ({@link TenantAdminIdentityProvider}). */
@ApplicationScoped
public class CurrentTenant {

    private final SecurityIdentity identity;

    CurrentTenant(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Only on routes that need the tenant-admin role: their caller is authenticated before the resource runs. */
    public String id() {
        if (!identity.hasRole(Roles.TENANT_ADMIN)) {
            throw new IllegalStateException("No tenant admin authenticated this request");
        }
        return identity.getPrincipal().getName();
    }
}
