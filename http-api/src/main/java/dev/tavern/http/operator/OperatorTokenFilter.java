package dev.tavern.http.operator;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.tavern.http.errors.ApiException;
import dev.tavern.http.security.Secrets;

/**
 * Operator routes need {@code Authorization: Bearer <operator token>}, checked in constant
 * time before the body is read. Without a configured token every operator route is refused.
 */
public class OperatorTokenFilter {

    private final Optional<byte[]> tokenHash;
    private final List<String> pathPrefixes;

    OperatorTokenFilter(@ConfigProperty(name = "tavern.operator.token") Optional<String> token,
                        @ConfigProperty(name = "tavern.operator.path-prefixes", defaultValue = "/api/operator/") List<String> pathPrefixes) {
        this.tokenHash = token.filter(t -> !t.isBlank()).map(Secrets::hash);
        this.pathPrefixes = pathPrefixes;
    }

    @ServerRequestFilter
    public void requireOperator(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (pathPrefixes.stream().noneMatch(path::startsWith)) {
            return;
        }
        String presented = Secrets.bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (tokenHash.isEmpty() || !Secrets.matches(presented, tokenHash.get())) {
            throw ApiException.unauthorized("Invalid operator token");
        }
    }
}
