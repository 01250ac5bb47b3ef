package dev.tavern.scheduler.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.http.errors.ApiException;
import dev.tavern.http.security.Roles;
import dev.tavern.http.security.Secrets;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * What this request's caller may do to the event it is about, checked against that event's stored token hashes.
 * Reactive, since a public route (a first vote) has not authenticated its caller before the service asks.
 */
@ApplicationScoped
public class EventCaller {

    private final CurrentIdentityAssociation identities;

    EventCaller(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    /** 401 without a host token, 403 with another event's. */
    public Uni<Void> requireHostOf(byte[] hostTokenHash) {
        return hostToken().map(token -> {
            if (token.isEmpty()) {
                throw new ApiException(401, Roles.refusal(Roles.EVENT_HOST));
            }
            if (!Secrets.matches(token.get(), hostTokenHash)) {
                throw ApiException.forbidden("Wrong host token");
            }
            return null;
        });
    }

    /** The host token this request carries, for the host page's shareable link. */
    public Uni<Optional<String>> hostToken() {
        return attribute(EventTokenIdentityProvider.HOST_TOKEN);
    }

    /** The participant token this request carries, if any: a first vote has none. */
    public Uni<Optional<String>> participantToken() {
        return attribute(EventTokenIdentityProvider.PARTICIPANT_TOKEN);
    }

    private Uni<Optional<String>> attribute(String name) {
        return identities.getDeferredIdentity().map(identity -> Optional.ofNullable(identity.<String>getAttribute(name)));
    }
}
