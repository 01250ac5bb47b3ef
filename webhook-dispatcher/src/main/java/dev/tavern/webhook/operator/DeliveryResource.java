package dev.tavern.webhook.operator;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.tavern.http.security.Roles;
import dev.tavern.webhook.delivery.Delivery;
import dev.tavern.webhook.delivery.DeliveryDispatcher;
import dev.tavern.webhook.delivery.DeliveryService;
import dev.tavern.webhook.delivery.DeliveryStatus;
import io.smallrye.mutiny.Uni;

/** Operator API (operator token): what was sent where, how each attempt went, and sending again. */
@RolesAllowed(Roles.OPERATOR)
@SecurityScheme(securitySchemeName = Roles.OPERATOR, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The operator token (TAVERN_OPERATOR_TOKEN)")
@SecurityRequirement(name = Roles.OPERATOR)
@Path("/api/operator/webhooks/deliveries")
@Tag(name = "Operator: deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    private final DeliveryService deliveries;
    private final DeliveryDispatcher dispatcher;

    DeliveryResource(DeliveryService deliveries, DeliveryDispatcher dispatcher) {
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
    }

    @GET
    @Operation(summary = "List deliveries, newest first", description = "Filter by scheduling event, status and creation time.")
    public Uni<List<DeliveryView>> list(@QueryParam("eventId") Long eventId, @QueryParam("status") DeliveryStatus status,
                                        @QueryParam("since") Instant since, @QueryParam("until") Instant until,
                                        @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return deliveries.search(eventId, status, since, until, limit).flatMap(this::withAttempts);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One delivery with its attempts")
    public Uni<DeliveryView> get(@PathParam("id") UUID id) {
        return deliveries.find(id).flatMap(delivery -> withAttempts(List.of(delivery)).map(views -> views.get(0)));
    }

    @POST
    @Path("/{id}/redeliver")
    @ResponseStatus(202)
    @Operation(summary = "Send again now", description = "A fresh attempt with a new retry window; a FAILED delivery is revived.")
    public Uni<DeliveryView> redeliver(@PathParam("id") UUID id) {
        return deliveries.redeliver(id)
                .invoke(dispatcher::dispatchSoon)
                .flatMap(delivery -> withAttempts(List.of(delivery)).map(views -> views.get(0)));
    }

    private Uni<List<DeliveryView>> withAttempts(List<Delivery> found) {
        return deliveries.attemptsOf(found.stream().map(d -> d.id).toList())
                .map(attempts -> found.stream().map(d -> DeliveryView.of(d, attempts)).toList());
    }
}
