package dev.tavern.scheduler.event;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.tavern.scheduler.event.EventViews.EventView;
import dev.tavern.scheduler.ratelimit.ClientRateLimits.Action;
import dev.tavern.scheduler.ratelimit.ClientRateLimits;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Events under the requesting host's tenant: anyone creates one, and anyone with its link reads it. Its host: {@link HostEventResource}. */
@Path("/api/events")
@PermitAll
@Tag(name = "Events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    private final EventService events;
    private final ClientRateLimits rateLimits;

    EventResource(EventService events, ClientRateLimits rateLimits) {
        this.events = events;
        this.rateLimits = rateLimits;
    }

    @POST
    @Operation(summary = "Create an event", description = "Answers the host token once; keep it to manage the event.")
    public Uni<RestResponse<CreatedEvent>> create(HttpServerRequest http, @Valid @NotNull CreateEventRequest request) {
        rateLimits.check(Action.CREATE, http);
        return events.create(request)
                .map(created -> RestResponse.ResponseBuilder.<CreatedEvent>created(URI.create("/api/events/" + created.slug()))
                        .entity(created).build());
    }

    @GET
    @Path("/{slug}")
    @Operation(summary = "Read an event", description = "Public: slots with tallies, participants' names and answers, the final roster.")
    public Uni<EventView> get(@PathParam("slug") String slug) {
        return events.view(slug);
    }
}
