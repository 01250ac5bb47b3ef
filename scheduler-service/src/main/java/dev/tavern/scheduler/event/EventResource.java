package dev.tavern.scheduler.event;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

@Path("/api/events")
@Tag(name = "Events")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    private final EventService events;

    EventResource(EventService events) {
        this.events = events;
    }

    @POST
    @Operation(summary = "Create an event", description = "Answers the host token once; keep it to manage the event.")
    public Uni<RestResponse<CreatedEvent>> create(@Valid @NotNull CreateEventRequest request) {
        return events.create(request)
                .map(created -> RestResponse.ResponseBuilder.<CreatedEvent>created(URI.create("/api/events/" + created.slug())).entity(created).build());
    }
}
