package dev.tavern.vtt.connection;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.http.security.Roles;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** A VTT module: a bearer {@code ta_...} API key of an active connection, which the identity carries. */
@ApplicationScoped
public class VttConnectionIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    static final String CONNECTION = "tavern.vtt-connection";

    private final ConnectionService connections;

    VttConnectionIdentityProvider(ConnectionService connections) {
        this.connections = connections;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Another kind of bearer token is left to the other providers; an unknown or revoked key proves nobody. */
    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String apiKey = request.getToken().getToken();
        if (!apiKey.startsWith(ConnectionService.API_KEY_PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        return connections.authenticate(apiKey).map(connection -> connection == null ? null
                : QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(connection.id.toString()))
                        .addRole(Roles.VTT_CONNECTION)
                        .addAttribute(CONNECTION, connection)
                        .build());
    }
}
