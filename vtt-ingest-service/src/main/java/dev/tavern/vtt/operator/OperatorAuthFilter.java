package dev.tavern.vtt.operator;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.tavern.rest.errors.ApiException;
import dev.tavern.vtt.IngestConfig;
import dev.tavern.vtt.Secrets;

/** Every management route ({@code /api/...}) needs the operator token, checked before the body is even read. */
public class OperatorAuthFilter {

    private final IngestConfig config;

    OperatorAuthFilter(IngestConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public void requireOperator(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("/api/")
                && !Secrets.matches(Secrets.bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION)), config.operatorToken())) {
            throw ApiException.unauthorized("Invalid operator token");
        }
    }
}
