package dev.tavern.vtt.campaign;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.tavern.http.security.Roles;
import dev.tavern.tenants.CurrentTenant;
import dev.tavern.vtt.campaign.CampaignViews.Assignment;
import dev.tavern.vtt.campaign.CampaignViews.CampaignView;
import dev.tavern.vtt.campaign.CampaignViews.CharacterView;
import dev.tavern.vtt.campaign.CampaignViews.NewCampaign;
import dev.tavern.vtt.campaign.CampaignViews.NewCharacter;
import dev.tavern.vtt.campaign.CampaignViews.RecentRolls;
import io.smallrye.mutiny.Uni;

/** Management API (tenant admin key): campaigns, characters, streamer assignments, recent rolls. */
@RolesAllowed(Roles.TENANT_ADMIN)
@SecurityRequirement(name = Roles.TENANT_ADMIN)
@Path("/api/campaigns")
@Tag(name = "Campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    private final CampaignService campaigns;
    private final CurrentTenant tenant;

    CampaignResource(CampaignService campaigns, CurrentTenant tenant) {
        this.campaigns = campaigns;
        this.tenant = tenant;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Create a campaign linked to a VTT world", description = "A VTT campaign (world) id is unique per connection.")
    public Uni<CampaignView> create(@Valid @NotNull NewCampaign request) {
        return campaigns.create(tenant.id(), request);
    }

    @GET
    @Operation(summary = "List the tenant's campaigns")
    public Uni<List<CampaignView>> list() {
        return campaigns.list(tenant.id());
    }

    @GET
    @Path("/{id}")
    public Uni<CampaignView> get(@PathParam("id") UUID id) {
        return campaigns.get(tenant.id(), id);
    }

    @GET
    @Path("/{id}/characters")
    @Operation(summary = "The campaign's characters and their streamers")
    public Uni<List<CharacterView>> characters(@PathParam("id") UUID id) {
        return campaigns.characters(tenant.id(), id);
    }

    @POST
    @Path("/{id}/characters")
    @ResponseStatus(201)
    @Operation(summary = "Add a character ahead of its first roll", description = "A VTT character id is unique per campaign.")
    public Uni<CharacterView> addCharacter(@PathParam("id") UUID id, @Valid @NotNull NewCharacter request) {
        return campaigns.addCharacter(tenant.id(), id, request);
    }

    @PUT
    @Path("/{id}/characters/{characterId}/streamer")
    @Operation(summary = "Assign the character to a streamer", description = "One streamer per character; this replaces the previous one.")
    public Uni<CharacterView> assign(@PathParam("id") UUID id, @PathParam("characterId") UUID characterId,
                                     @Valid @NotNull Assignment request) {
        return campaigns.assign(tenant.id(), id, characterId, request.streamerId());
    }

    @DELETE
    @Path("/{id}/characters/{characterId}/streamer")
    @Operation(summary = "Unassign the character")
    public Uni<CharacterView> unassign(@PathParam("id") UUID id, @PathParam("characterId") UUID characterId) {
        return campaigns.unassign(tenant.id(), id, characterId);
    }

    @GET
    @Path("/{id}/rolls")
    @Operation(summary = "The campaign's recent rolls, newest first", description = "Hidden rolls are included and flagged.")
    public Uni<RecentRolls> rolls(@PathParam("id") UUID id, @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return campaigns.recentRolls(tenant.id(), id, limit);
    }
}
