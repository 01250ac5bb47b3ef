package dev.tavern.scheduler.event;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.tavern.scheduler.event.EventViews.EventView;
import dev.tavern.scheduler.event.EventViews.HostEventView;
import dev.tavern.scheduler.ratelimit.ClientRateLimits;
import dev.tavern.scheduler.ratelimit.ClientRateLimits.Action;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Events under the requesting host's tenant. Host routes need the host token in
 * {@code X-Host-Token}: 401 without it, 403 when wrong.
 */
@Path("/api/events")
@Tag(name = "Events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    static final String HOST_TOKEN = "X-Host-Token";

    private final EventService events;
    private final ClientRateLimits rateLimits;

    EventResource(EventService events, ClientRateLimits rateLimits) {
        this.events = events;
        this.rateLimits = rateLimits;
    }

    @POST
    @Operation(summary = "Create an event", description = "Answers the host token once; keep it to manage the event.")
    public Uni<RestResponse<CreatedEvent>> create(@HeaderParam(HttpHeaders.HOST) String host, HttpServerRequest http,
                                                  @Valid @NotNull CreateEventRequest request) {
        rateLimits.check(Action.CREATE, http);
        return events.create(host, request)
                .map(created -> RestResponse.ResponseBuilder.<CreatedEvent>created(URI.create("/api/events/" + created.slug()))
                        .entity(created).build());
    }

    @GET
    @Path("/{slug}")
    @Operation(summary = "Read an event", description = "Public: slots with tallies, participants' names and answers, the final roster.")
    public Uni<EventView> get(@HeaderParam(HttpHeaders.HOST) String host, @PathParam("slug") String slug) {
        return events.view(host, slug);
    }

    @GET
    @Path("/{slug}/host")
    @Operation(summary = "Read an event as its host", description = "Adds, per slot, who would attend and wait were it chosen.")
    public Uni<HostEventView> hostView(@HeaderParam(HttpHeaders.HOST) String host, @PathParam("slug") String slug,
                                       @HeaderParam(HOST_TOKEN) String hostToken) {
        return events.hostView(host, slug, hostToken);
    }

    @POST
    @Path("/{slug}/slots")
    @Operation(summary = "Add a time slot (host, while voting is open)")
    public Uni<EventView> addSlot(@HeaderParam(HttpHeaders.HOST) String host, @PathParam("slug") String slug,
                                  @HeaderParam(HOST_TOKEN) String hostToken, @Valid @NotNull SlotRequest request) {
        return events.addSlot(host, slug, hostToken, request);
    }

    @PUT
    @Path("/{slug}/slots/{slotId}")
    @Operation(summary = "Move a time slot (host, while voting is open)", description = "Answers given for the old times are cleared.")
    public Uni<EventView> changeSlot(@HeaderParam(HttpHeaders.HOST) String host, @PathParam("slug") String slug,
                                     @PathParam("slotId") long slotId, @HeaderParam(HOST_TOKEN) String hostToken,
                                     @Valid @NotNull SlotRequest request) {
        return events.changeSlot(host, slug, hostToken, slotId, request);
    }

    @DELETE
    @Path("/{slug}/slots/{slotId}")
    @Operation(summary = "Remove a time slot (host, while voting is open)")
    public Uni<EventView> removeSlot(@HeaderParam(HttpHeaders.HOST) String host, @PathParam("slug") String slug,
                                     @PathParam("slotId") long slotId, @HeaderParam(HOST_TOKEN) String hostToken) {
        return events.removeSlot(host, slug, hostToken, slotId);
    }

    @POST
    @Path("/{slug}/finalize")
    @Operation(summary = "Finalize (host)", description = "Locks in a slot and a location; answers are frozen from then on.")
    public Uni<EventView> finalizeEvent(@HeaderParam(HttpHeaders.HOST) String host, @PathParam("slug") String slug,
                                        @HeaderParam(HOST_TOKEN) String hostToken, @Valid @NotNull FinalizeRequest request) {
        return events.finalizeEvent(host, slug, hostToken, request);
    }

    @PUT
    @Path("/{slug}/location")
    @Operation(summary = "Change the location of a finalized event (host)")
    public Uni<EventView> changeLocation(@HeaderParam(HttpHeaders.HOST) String host, @PathParam("slug") String slug,
                                         @HeaderParam(HOST_TOKEN) String hostToken, @Valid @NotNull LocationRequest request) {
        return events.changeLocation(host, slug, hostToken, request);
    }

    @POST
    @Path("/{slug}/cancel")
    @Operation(summary = "Cancel (host)", description = "From any state but cancelled.")
    public Uni<EventView> cancel(@HeaderParam(HttpHeaders.HOST) String host, @PathParam("slug") String slug,
                                 @HeaderParam(HOST_TOKEN) String hostToken) {
        return events.cancel(host, slug, hostToken);
    }

    @DELETE
    @Path("/{slug}/participants/{participantId}")
    @Operation(summary = "Remove a participant (host)", description = "After finalization the head of the waitlist takes the seat.")
    public Uni<EventView> removeParticipant(@HeaderParam(HttpHeaders.HOST) String host, @PathParam("slug") String slug,
                                            @PathParam("participantId") long participantId,
                                            @HeaderParam(HOST_TOKEN) String hostToken) {
        return events.removeParticipant(host, slug, hostToken, participantId);
    }
}
