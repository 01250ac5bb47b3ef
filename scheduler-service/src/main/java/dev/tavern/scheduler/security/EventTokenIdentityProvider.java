package dev.tavern.scheduler.security;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.http.security.Roles;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** A holder of event tokens: the event host, a participant, or both, with the tokens kept for the event's own check. */
@ApplicationScoped
public class EventTokenIdentityProvider implements IdentityProvider<EventTokenRequest> {

    static final String HOST_TOKEN = "tavern.host-token";
    static final String PARTICIPANT_TOKEN = "tavern.participant-token";

    @Override
    public Class<EventTokenRequest> getRequestType() {
        return EventTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(EventTokenRequest request, AuthenticationRequestContext context) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder();
        if (request.hostToken != null) {
            identity.addRole(Roles.EVENT_HOST).addAttribute(HOST_TOKEN, request.hostToken);
        }
        if (request.participantToken != null) {
            identity.addRole(Roles.PARTICIPANT).addAttribute(PARTICIPANT_TOKEN, request.participantToken);
        }
        return Uni.createFrom().item(identity
                .setPrincipal(new QuarkusPrincipal(request.hostToken != null ? Roles.EVENT_HOST : Roles.PARTICIPANT))
                .build());
    }
}
