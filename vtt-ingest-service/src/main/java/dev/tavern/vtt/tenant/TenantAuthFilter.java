package dev.tavern.vtt.tenant;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.tavern.http.errors.ErrorResponse;
import dev.tavern.http.security.Secrets;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The management API ({@code /api/...}, operator routes aside) needs a tenant admin key
 * ({@code Authorization: Bearer tadm_...}); everything it reaches belongs to that tenant.
 */
public class TenantAuthFilter {

    static final String ADMIN_KEY_PREFIX = "tadm_";

    private final CurrentTenant currentTenant;

    TenantAuthFilter(CurrentTenant currentTenant) {
        this.currentTenant = currentTenant;
    }

    @ServerRequestFilter
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") || path.startsWith("/api/operator/")) {
            return Uni.createFrom().nullItem();
        }
        String key = Secrets.bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (key == null || !key.startsWith(ADMIN_KEY_PREFIX)) {
            return Uni.createFrom().item(unauthorized());
        }
        byte[] hash = Secrets.hash(key);
        return Panache.withSession(() -> Tenant.<Tenant>find("adminKeyHash", hash).firstResult())
                .map(tenant -> {
                    if (tenant == null || !Secrets.matches(key, tenant.adminKeyHash)) {
                        return unauthorized();
                    }
                    currentTenant.set(tenant.id);
                    return null;
                });
    }

    private static Response unauthorized() {
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorResponse.of("Invalid admin key")).build();
    }
}
