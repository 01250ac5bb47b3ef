package dev.tavern.vtt.roll;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.tavern.http.errors.ErrorResponse;
import dev.tavern.vtt.IngestConfig;

/** A webhook body over the documented size is answered 413 with a JSON body, before it is read. */
public class BodySizeFilter {

    private final IngestConfig config;

    BodySizeFilter(IngestConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Response limitBodySize(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("/webhooks/vtt/") && request.getLength() > config.maxBodyBytes()) {
            return Response.status(413).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorResponse.of("Payload too large", "Bodies are limited to " + config.maxBodyBytes() + " bytes"))
                    .build();
        }
        return null;
    }
}
