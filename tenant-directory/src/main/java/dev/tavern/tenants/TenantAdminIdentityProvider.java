package dev.tavern.tenants;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.http.security.Roles;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * A tenant's admin: a bearer {@code tadm_...} key whose hash an active tenant's latest record carries. The identity's
 * name is the tenant's id. A suspended or deleted tenant's key, and a replaced one, prove nobody from the moment its
 * record is read.
 */
@ApplicationScoped
public class TenantAdminIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final TenantDirectory directory;

    TenantAdminIdentityProvider(TenantDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Another kind of bearer token is left to the other providers. */
    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String key = request.getToken().getToken();
        if (!key.startsWith(Roles.TENANT_ADMIN_KEY_PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(directory.byAdminKey(key)
                .<SecurityIdentity>map(tenant -> QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(tenant.id()))
                        .addRole(Roles.TENANT_ADMIN)
                        .build())
                .orElse(null));
    }
}
