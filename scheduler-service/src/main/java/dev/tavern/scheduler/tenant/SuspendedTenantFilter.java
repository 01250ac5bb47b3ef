package dev.tavern.scheduler.tenant;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.smallrye.mutiny.Uni;

/**
 * A suspended tenant's API answers 403 on every route, before rate limits, validation or host tokens have their say:
 * pre-matching, as the security checks of host routes run right after matching. The operator API serves no tenant;
 * pages refuse in HTML themselves, as they show every other failure.
 */
public class SuspendedTenantFilter {

    private final RequestTenant requestTenant;

    SuspendedTenantFilter(RequestTenant requestTenant) {
        this.requestTenant = requestTenant;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Void> refuseSuspended(UriInfo uri) {
        String path = uri.getPath();
        if (!path.startsWith("/api/") || path.startsWith("/api/operator/")) {
            return Uni.createFrom().voidItem();
        }
        return requestTenant.get().replaceWithVoid();
    }
}
