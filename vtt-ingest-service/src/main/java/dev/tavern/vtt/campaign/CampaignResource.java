package dev.tavern.vtt.campaign;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.smallrye.mutiny.Uni;

@Path("/api/campaigns")
@Tag(name = "Campaigns")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    private final CampaignService campaigns;

    CampaignResource(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Create a campaign linked to a VTT world")
    public Uni<CampaignView> create(@Valid @NotNull NewCampaignRequest request) {
        return campaigns.create(request);
    }
}
