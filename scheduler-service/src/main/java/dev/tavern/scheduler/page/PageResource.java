package dev.tavern.scheduler.page;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.tavern.http.errors.ApiException;
import dev.tavern.http.errors.ErrorResponse;
import dev.tavern.http.ratelimit.RateLimited;
import dev.tavern.http.security.Roles;
import dev.tavern.scheduler.calendar.CalendarEntry;
import dev.tavern.scheduler.event.EventService;
import dev.tavern.scheduler.event.EventViews.EventView;
import dev.tavern.scheduler.event.EventViews.HostEventView;
import dev.tavern.scheduler.event.FinalizeRequest;
import dev.tavern.scheduler.event.LoadedEvent;
import dev.tavern.scheduler.event.LocationRequest;
import dev.tavern.scheduler.security.EventCaller;
import dev.tavern.scheduler.security.EventTokenMechanism;
import dev.tavern.scheduler.tenant.RequestTenant;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The server-rendered pages: {@code /new} (pre-filled from the integration guide's link),
 * {@code /e/{slug}} (voting) and {@code /e/{slug}/host}. The host token travels in an
 * http-only, same-site cookie scoped to the event's pages ({@link EventTokenMechanism}).
 */
@Path("/")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class PageResource {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance newEvent(NewEventForm form, Map<String, List<String>> errors);

        static native TemplateInstance event(EventView event, CalendarEntry calendar);

        static native TemplateInstance host(HostEventView view, CalendarEntry calendar, String hostLink);

        static native TemplateInstance problem(String title, String message);
    }

    private final EventService events;
    private final EventCaller caller;
    private final Validator validator;
    private final RequestTenant requestTenant;

    PageResource(EventService events, EventCaller caller, Validator validator, RequestTenant requestTenant) {
        this.events = events;
        this.caller = caller;
        this.validator = validator;
        this.requestTenant = requestTenant;
    }

    @GET
    @Path("new")
    @Operation(hidden = true)
    public Uni<Response> newEvent(@QueryParam("title") String title, @QueryParam("description") String description,
                                  @QueryParam("minPlayers") String minPlayers, @QueryParam("maxPlayers") String maxPlayers,
                                  @QueryParam("fromUrl") String fromUrl, @QueryParam("fromUrlId") String fromUrlId) {
        return ofServedTenant(() -> Uni.createFrom().item(Response.ok(Templates.newEvent(
                NewEventForm.prefilled(title, description, minPlayers, maxPlayers, fromUrl, fromUrlId), Map.of())).build()));
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    @RateLimited(value = "event-creations", per = RateLimited.Per.CLIENT_ADDRESS)
    public Uni<Response> create(HttpServerRequest http,
                                @RestForm String title, @RestForm String description, @RestForm String minPlayers,
                                @RestForm String maxPlayers, @RestForm String timezone, @RestForm String fromUrl,
                                @RestForm String fromUrlId, @RestForm List<String> slotStart, @RestForm List<String> slotEnd) {
        return ofServedTenant(() -> {
            NewEventForm form = NewEventForm.posted(title, description, minPlayers, maxPlayers, timezone, fromUrl, fromUrlId,
                    slotStart, slotEnd);
            NewEventForm.Submission submission = form.submit(validator);
            if (!submission.errors().isEmpty()) {
                return Uni.createFrom().item(formWithErrors(form, submission.errors()));
            }
            return events.create(submission.request())
                    .map(created -> Response.seeOther(URI.create("/e/" + created.slug() + "/host"))
                            .cookie(hostCookie(created.slug(), created.hostToken(), http))
                            .build())
                    .onFailure(ApiException.class).recoverWithItem(failure -> {
                        ApiException e = (ApiException) failure;
                        return formWithErrors(form, e.body().details() == null ? Map.of("form", List.of(e.getMessage())) : e.body().details());
                    });
        });
    }

    /**
     * The page, unless the request's tenant is refused (suspended): then the page saying so. The event pages learn it
     * from loading the event; the form, which loads nothing, asks first.
     */
    private Uni<Response> ofServedTenant(Supplier<Uni<Response>> page) {
        return requestTenant.get().flatMap(tenant -> page.get())
                .onFailure(ApiException.class).recoverWithItem(PageResource::problem);
    }

    @GET
    @Path("e/{slug}")
    @Operation(hidden = true)
    public Uni<Response> event(@PathParam("slug") String slug) {
        return events.load(slug)
                .map(loaded -> Response.ok(Templates.event(loaded.view(), calendarOf(loaded))).build())
                .onFailure(ApiException.class).recoverWithItem(PageResource::problem);
    }

    /** A host link ({@code ?token=}) trades the token for the cookie, then drops it from the address bar. */
    @GET
    @Path("e/{slug}/host")
    @RolesAllowed(Roles.EVENT_HOST)
    @Operation(hidden = true)
    public Uni<Response> host(HttpServerRequest http, @PathParam("slug") String slug, @QueryParam("token") String linkToken) {
        return events.loadAsHost(slug)
                .flatMap(loaded -> linkToken != null && !linkToken.isBlank()
                        ? Uni.createFrom().item(Response.seeOther(URI.create("/e/" + slug + "/host"))
                                .cookie(hostCookie(slug, linkToken.strip(), http)).build())
                        : caller.hostToken().map(token -> Response.ok(Templates.host(loaded.hostView(), calendarOf(loaded),
                                loaded.link() + "/host?token=" + token.orElseThrow())).build()))
                .onFailure(ApiException.class).recoverWithItem(PageResource::problem);
    }

    /** The calendar entry once the event is finalized, otherwise null. */
    private static CalendarEntry calendarOf(LoadedEvent loaded) {
        return loaded.state().event().finalizedSlotId == null ? null : CalendarEntry.of(loaded.state(), loaded.link());
    }

    private static Response problem(Throwable failure) {
        ApiException e = (ApiException) failure;
        return problem(e.status(), e.body());
    }

    /** A host page or form post without the host's cookie or link: the page says so, in HTML like the others. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class, ForbiddenException.class})
    Response notAuthenticatedAsHost() {
        return problem(401, Roles.refusal(Roles.EVENT_HOST));
    }

    private static Response problem(int status, ErrorResponse body) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(Templates.problem(body.error(), body.message())).build();
    }

    @POST
    @RolesAllowed(Roles.EVENT_HOST)
    @Path("e/{slug}/host/finalize")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> finalizeEvent(@PathParam("slug") String slug, @RestForm Long slotId, @RestForm String location) {
        return backToHostPage(slug, events.finalizeEvent(slug, new FinalizeRequest(slotId, location)));
    }

    @POST
    @RolesAllowed(Roles.EVENT_HOST)
    @Path("e/{slug}/host/location")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> changeLocation(@PathParam("slug") String slug, @RestForm String location) {
        return backToHostPage(slug, events.changeLocation(slug, new LocationRequest(location)));
    }

    @POST
    @RolesAllowed(Roles.EVENT_HOST)
    @Path("e/{slug}/host/cancel")
    @Operation(hidden = true)
    public Uni<Response> cancel(@PathParam("slug") String slug) {
        return backToHostPage(slug, events.cancel(slug));
    }

    @POST
    @RolesAllowed(Roles.EVENT_HOST)
    @Path("e/{slug}/host/participants/{participantId}/remove")
    @Operation(hidden = true)
    public Uni<Response> removeParticipant(@PathParam("slug") String slug, @PathParam("participantId") long participantId) {
        return backToHostPage(slug, events.removeParticipant(slug, participantId));
    }

    @GET
    @Path("e/{slug}/calendar.ics")
    @Produces("text/calendar")
    @Operation(summary = "The finalized event as an iCalendar file", description = "409 until the event is finalized.")
    public Uni<Response> calendar(@PathParam("slug") String slug) {
        return events.load(slug).map(loaded -> Response
                .ok(CalendarEntry.of(loaded.state(), loaded.link()).toIcs(Instant.now()), "text/calendar; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + slug + ".ics\"")
                .build());
    }

    private static NewCookie hostCookie(String slug, String token, HttpServerRequest http) {
        return new NewCookie.Builder(EventTokenMechanism.HOST_COOKIE_PREFIX + slug)
                .value(token)
                .path("/e/" + slug)
                .httpOnly(true)
                .secure("https".equals(http.scheme()))
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge(60 * 60 * 24 * 365)
                .build();
    }

    /** After a host's form post: back to the host page once the change is made, or the page saying why it was not. */
    private static Uni<Response> backToHostPage(String slug, Uni<EventView> change) {
        return change.map(view -> Response.seeOther(URI.create("/e/" + slug + "/host")).build())
                .onFailure(ApiException.class).recoverWithItem(PageResource::problem);
    }

    private static Response formWithErrors(NewEventForm form, Map<String, List<String>> errors) {
        return Response.status(400).entity(Templates.newEvent(form, errors)).type(MediaType.TEXT_HTML_TYPE).build();
    }

}
