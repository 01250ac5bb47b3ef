package dev.tavern.scheduler.security;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Where an event's callers carry their tokens. The host: {@code X-Host-Token} on the API; on the pages, the host link's
 * {@code ?token=} or the http-only cookie it is traded for, scoped to the event's pages. A participant:
 * {@code X-Participant-Token}. A token is a capability for one event, which only that event's row can check, so the
 * identity carries it and {@link EventCaller} matches it against the event the service loads anyway.
 */
@ApplicationScoped
public class EventTokenMechanism implements HttpAuthenticationMechanism {

    public static final String HOST_TOKEN_HEADER = "X-Host-Token";
    public static final String PARTICIPANT_TOKEN_HEADER = "X-Participant-Token";
    public static final String HOST_COOKIE_PREFIX = "tavern_host_";
    private static final Pattern EVENT_PAGE = Pattern.compile("^/e/([^/]+)(/host)?(/.*)?$");
    private static final HttpCredentialTransport TRANSPORT =
            new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, HOST_TOKEN_HEADER);

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String hostToken = nonBlank(context.request().getHeader(HOST_TOKEN_HEADER)).or(() -> hostTokenOfPage(context)).orElse(null);
        String participantToken = nonBlank(context.request().getHeader(PARTICIPANT_TOKEN_HEADER)).orElse(null);
        if (hostToken == null && participantToken == null) {
            return Uni.createFrom().optional(Optional.empty());
        }
        return identities.authenticate(new EventTokenRequest(hostToken, participantToken));
    }

    /** On {@code /e/{slug}/host}, a host link's token wins over the cookie it is about to replace. */
    private static Optional<String> hostTokenOfPage(RoutingContext context) {
        Matcher page = EVENT_PAGE.matcher(context.normalizedPath());
        if (!page.matches()) {
            return Optional.empty();
        }
        Optional<String> linked = page.group(2) != null && page.group(3) == null
                ? nonBlank(context.request().getParam("token")) : Optional.empty();
        return linked.or(() -> Optional.ofNullable(context.request().getCookie(HOST_COOKIE_PREFIX + page.group(1)))
                .map(Cookie::getValue).flatMap(EventTokenMechanism::nonBlank));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(EventTokenRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(TRANSPORT);
    }
}
