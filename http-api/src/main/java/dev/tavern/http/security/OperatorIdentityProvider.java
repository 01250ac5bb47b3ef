package dev.tavern.http.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The operator: a bearer token equal to {@code tavern.operator.token}, compared in constant time. Without a configured
 * token nobody is the operator, so every operator route is refused.
 */
@ApplicationScoped
public class OperatorIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private static final SecurityIdentity OPERATOR = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal(Roles.OPERATOR))
            .addRole(Roles.OPERATOR)
            .build();

    private final Optional<byte[]> tokenHash;

    OperatorIdentityProvider(@ConfigProperty(name = "tavern.operator.token") Optional<String> token) {
        this.tokenHash = token.filter(t -> !t.isBlank()).map(Secrets::hash);
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Another kind of bearer token is left to the service's own providers. */
    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        boolean operator = tokenHash.isPresent() && Secrets.matches(request.getToken().getToken(), tokenHash.get());
        return Uni.createFrom().item(operator ? OPERATOR : null);
    }
}
