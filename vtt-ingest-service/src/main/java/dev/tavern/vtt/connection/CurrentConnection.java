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
        ActiveConnection connection = of(identity);
        if (connection == null) {
            throw new IllegalStateException("No VTT connection authenticated this request");
        }
        return connection;
    }

    /** The VTT connection this identity is, or null for anyone else (anonymous, another kind of credential). */
    public static ActiveConnection of(SecurityIdentity identity) {
        return identity.hasRole(Roles.VTT_CONNECTION) ? identity.getAttribute(VttConnectionIdentityProvider.CONNECTION) : null;
    }
}
