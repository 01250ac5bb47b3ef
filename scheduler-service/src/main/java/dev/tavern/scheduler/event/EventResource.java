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

import dev.tavern.http.ratelimit.RateLimited;
import dev.tavern.scheduler.event.EventViews.EventView;
import io.smallrye.mutiny.Uni;

/** Events under the requesting host's tenant: anyone creates one, and anyone with its link reads it. Its host: {@link HostEventResource}. */
@Path("/api/events")
@PermitAll
@Tag(name = "Events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    private final EventService events;

    EventResource(EventService events) {
        this.events = events;
    }

    @POST
    @Operation(summary = "Create an event", description = "Answers the host token once; keep it to manage the event.")
    @RateLimited(value = "event-creations", per = RateLimited.Per.CLIENT_ADDRESS)
    public Uni<RestResponse<CreatedEvent>> create(@Valid @NotNull CreateEventRequest request) {
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
