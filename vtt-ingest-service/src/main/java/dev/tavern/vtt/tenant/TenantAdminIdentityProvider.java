package dev.tavern.vtt.tenant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.http.security.Roles;
import dev.tavern.http.security.Secrets;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * A tenant's admin: a bearer {@code tadm_...} key, looked up by its hash and compared in constant time. The identity's
 * name is the tenant's id; everything the management API reaches belongs to that tenant.
 */
@ApplicationScoped
public class TenantAdminIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    static final String ADMIN_KEY_PREFIX = "tadm_";

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Another kind of bearer token is left to the other providers; an unknown admin key proves nobody. */
    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String key = request.getToken().getToken();
        if (!key.startsWith(ADMIN_KEY_PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        return Panache.withSession(() -> Tenant.<Tenant>find("adminKeyHash", Secrets.hash(key)).firstResult())
                .map(tenant -> tenant == null || !Secrets.matches(key, tenant.adminKeyHash) ? null
                        : QuarkusSecurityIdentity.builder()
                                .setPrincipal(new QuarkusPrincipal(tenant.id))
                                .addRole(Roles.TENANT_ADMIN)
                                .build());
    }
}
