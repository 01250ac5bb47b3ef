package dev.tavern.http.ratelimit;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Applies {@link RateLimited}: counts the request before the route runs, and writes the window into every answer, a
 * refusal included.
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
        RateLimited limit = limitOf(route);
        if (limit == null) {
            return Uni.createFrom().voidItem();
        }
        return subject(limit.per(), request).flatMap(subject -> {
            if (subject == null) {
                return Uni.createFrom().voidItem();
            }
            limited.limitBy(windows.counting(limit.value(), subject));
            return limited.count().replaceWithVoid();
        });
    }

    /** Only on a limited route: any other answer leaves this request's limit, a request-scoped bean, unmade. */
    @ServerResponseFilter
    public void tell(ContainerResponseContext response, ResourceInfo route) {
        if (limitOf(route) == null) {
            return;
        }
        RateLimitWindow window = limited.window();
        if (window != null) {
            window.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
        }
    }

    private static RateLimited limitOf(ResourceInfo route) {
        return route.getResourceMethod() == null ? null : route.getResourceMethod().getAnnotation(RateLimited.class);
    }

    /** Who counts: null for an anonymous request to a route limited per caller, which its security refuses. */
    private Uni<String> subject(RateLimited.Per per, HttpServerRequest request) {
        if (per == RateLimited.Per.CLIENT_ADDRESS) {
            return Uni.createFrom().item(request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress());
        }
        return identities.getDeferredIdentity().map(identity -> identity.isAnonymous() ? null : identity.getPrincipal().getName());
    }
}
