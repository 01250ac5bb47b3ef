package dev.tavern.scheduler.tenant;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

public record TenantView(
        String id,
        String name,
        TenantStatus status,
        String publicBaseUrl,
        @Schema(description = "Lower-case, sorted") List<String> hostnames,
        @Schema(description = "Whether the tenant has an admin key; one created before keys were issued has none until the operator issues it")
        boolean hasAdminKey,
        @Schema(description = "Counts the tenant's changes, as published on tavern.tenants.v1") int revision,
        Instant changedAt,
        @Schema(description = "The new admin key (tadm_...), only in the answer that issues it: it is shown once, and only its hash is kept")
        @JsonInclude(JsonInclude.Include.NON_NULL) String adminKey) {

    static TenantView of(Tenant tenant, List<String> hostnames) {
        return new TenantView(tenant.id, tenant.name, tenant.status, tenant.publicBaseUrl, hostnames,
                tenant.adminKeyHash != null, tenant.revision, tenant.changedAt, null);
    }

    TenantView withAdminKey(String key) {
        return new TenantView(id, name, status, publicBaseUrl, hostnames, hasAdminKey, revision, changedAt, key);
    }
}
