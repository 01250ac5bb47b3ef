package dev.tavern.vtt.connection;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.http.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/** The VTT connection whose API key authenticated this webhook request ({@link VttConnectionIdentityProvider}). */
@ApplicationScoped
public class CurrentConnection {

    private final SecurityIdentity identity;

    CurrentConnection(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Only on routes that need the vtt-connection role: their caller is authenticated before the resource runs. */
    public ActiveConnection get() {
        if (!identity.hasRole(Roles.VTT_CONNECTION)) {
            throw new IllegalStateException("No VTT connection authenticated this request");
        }
        return identity.getAttribute(VttConnectionIdentityProvider.CONNECTION);
    }
}
