package dev.tavern.http.security;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.tavern.http.errors.ErrorResponse;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * A route's refusal in Tavern's JSON shape. No credential, one that proves nobody, and one of another kind (an admin key
 * on a VTT route) are all a 401 with the body of the role the route needs: to that route the caller is not authenticated.
 * A 403 is reserved for a valid credential of the right kind that does not reach this resource (another event's host
 * token); the services answer that themselves.
 */
public class SecurityErrorMappers {

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class, ForbiddenException.class})
    public Response refused(ResourceInfo route) {
        return refusal(route);
    }

    /** The 401 of the first role the route (its method, else its class) allows. */
    public static Response refusal(ResourceInfo route) {
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE).entity(refusalBody(route)).build();
    }

    private static ErrorResponse refusalBody(ResourceInfo route) {
        return Stream.<AnnotatedElement>of(route.getResourceMethod(), route.getResourceClass())
                .map(element -> Optional.ofNullable(element.getAnnotation(RolesAllowed.class)))
                .flatMap(Optional::stream)
                .findFirst()
                .map(allowed -> Roles.refusal(allowed.value()[0]))
                .orElseGet(() -> ErrorResponse.of("Unauthorized"));
    }
}
