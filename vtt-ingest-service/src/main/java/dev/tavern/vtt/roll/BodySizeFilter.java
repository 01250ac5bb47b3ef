package dev.tavern.vtt.roll;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.tavern.http.errors.ApiException;
import dev.tavern.http.errors.ErrorMappers;
import dev.tavern.http.errors.ErrorResponse;
import dev.tavern.vtt.IngestConfig;

/** A webhook body over the documented size is answered 413 with a JSON body, before it is read or its caller known. */
public class BodySizeFilter {

    private final IngestConfig config;

    BodySizeFilter(IngestConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Response limitBodySize(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("/webhooks/vtt/") && request.getLength() > config.maxBodyBytes()) {
            return ErrorMappers.response(tooLarge(config));
        }
        return null;
    }

    /** The answer to a body over the limit, on the dice-roll route ({@link DiceRollRoute}) too. */
    static ApiException tooLarge(IngestConfig config) {
        return new ApiException(413, ErrorResponse.of("Payload too large", "Bodies are limited to " + config.maxBodyBytes() + " bytes"));
    }
}
