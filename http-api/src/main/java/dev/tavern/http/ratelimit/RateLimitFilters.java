package dev.tavern.http.ratelimit;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Applies {@link RateLimited}: counts the request before the route runs (or leaves that to the route's statement),
 * and writes the window into every answer, a refusal included.
 */
public class RateLimitFilters {

    private final RateLimitedRequest limited;
    private final FixedWindows windows;
    private final CurrentIdentityAssociation identities;

    RateLimitFilters(RateLimitedRequest limited, FixedWindows windows, CurrentIdentityAssociation identities) {
        this.limited = limited;
        this.windows = windows;
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Void> count(ResourceInfo route, HttpServerRequest request) {
        RateLimited limit = route.getResourceMethod() == null ? null : route.getResourceMethod().getAnnotation(RateLimited.class);
        if (limit == null) {
            return Uni.createFrom().voidItem();
        }
        return subject(limit.per(), request).flatMap(subject -> {
            if (subject == null) {
                return Uni.createFrom().voidItem();
            }
            limited.limitBy(windows.counting(limit.value(), subject));
            return limit.countedByRoute() ? Uni.createFrom().voidItem() : limited.count().replaceWithVoid();
        });
    }

    @ServerResponseFilter
    public void tell(ContainerResponseContext response) {
        RateLimitWindow window = limited.window();
        if (window != null) {
            window.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
        }
    }

    /** Who counts: null for an anonymous request to a route limited per caller, which its security refuses. */
    private Uni<String> subject(RateLimited.Per per, HttpServerRequest request) {
        if (per == RateLimited.Per.CLIENT_ADDRESS) {
            return Uni.createFrom().item(request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress());
        }
        return identities.getDeferredIdentity().map(identity -> identity.isAnonymous() ? null : identity.getPrincipal().getName());
    }
}
