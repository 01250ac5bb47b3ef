package dev.tavern.scheduler.event;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.tavern.http.security.Roles;
import dev.tavern.scheduler.event.EventViews.EventView;
import dev.tavern.scheduler.event.EventViews.HostEventView;
import dev.tavern.scheduler.security.EventTokenMechanism;
import io.smallrye.mutiny.Uni;

/** What an event's host does with it, with its host token in {@code X-Host-Token}: 401 without it, 403 when it is another event's. */
@Path("/api/events/{slug}")
@RolesAllowed(Roles.EVENT_HOST)
@SecurityScheme(securitySchemeName = Roles.EVENT_HOST, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = EventTokenMechanism.HOST_TOKEN_HEADER, description = "The host token creating the event answered once")
@SecurityRequirement(name = Roles.EVENT_HOST)
@Tag(name = "Events")
@Produces(MediaType.APPLICATION_JSON)
public class HostEventResource {

    private final EventService events;

    HostEventResource(EventService events) {
        this.events = events;
    }

    @GET
    @Path("/host")
    @Operation(summary = "Read an event as its host", description = "Adds, per slot, who would attend and wait were it chosen.")
    public Uni<HostEventView> hostView(@PathParam("slug") String slug) {
        return events.hostView(slug);
    }

    @POST
    @Path("/slots")
    @Operation(summary = "Add a time slot (host, while voting is open)")
    public Uni<EventView> addSlot(@PathParam("slug") String slug, @Valid @NotNull SlotRequest request) {
        return events.addSlot(slug, request);
    }

    @PUT
    @Path("/slots/{slotId}")
    @Operation(summary = "Move a time slot (host, while voting is open)", description = "Answers given for the old times are cleared.")
    public Uni<EventView> changeSlot(@PathParam("slug") String slug,
                                     @PathParam("slotId") long slotId,
                                     @Valid @NotNull SlotRequest request) {
        return events.changeSlot(slug, slotId, request);
    }

    @DELETE
    @Path("/slots/{slotId}")
    @Operation(summary = "Remove a time slot (host, while voting is open)")
    public Uni<EventView> removeSlot(@PathParam("slug") String slug,
                                     @PathParam("slotId") long slotId) {
        return events.removeSlot(slug, slotId);
    }

    @POST
    @Path("/finalize")
    @Operation(summary = "Finalize (host)", description = "Locks in a slot and a location; answers are frozen from then on.")
    public Uni<EventView> finalizeEvent(@PathParam("slug") String slug, @Valid @NotNull FinalizeRequest request) {
        return events.finalizeEvent(slug, request);
    }

    @PUT
    @Path("/location")
    @Operation(summary = "Change the location of a finalized event (host)")
    public Uni<EventView> changeLocation(@PathParam("slug") String slug, @Valid @NotNull LocationRequest request) {
        return events.changeLocation(slug, request);
    }

    @POST
    @Path("/cancel")
    @Operation(summary = "Cancel (host)", description = "From any state but cancelled.")
    public Uni<EventView> cancel(@PathParam("slug") String slug) {
        return events.cancel(slug);
    }

    @DELETE
    @Path("/participants/{participantId}")
    @Operation(summary = "Remove a participant (host)", description = "After finalization the head of the waitlist takes the seat.")
    public Uni<EventView> removeParticipant(@PathParam("slug") String slug,
                                            @PathParam("participantId") long participantId) {
        return events.removeParticipant(slug, participantId);
    }
}
