package dev.tavern.vtt.campaign;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.http.errors.ApiException;
import dev.tavern.vtt.connection.VttConnection;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CampaignService {

    @WithTransaction
    public Uni<CampaignView> create(NewCampaignRequest request) {
        return VttConnection.<VttConnection>findById(request.connectionId())
                .onItem().ifNull().failWith(() -> ApiException.invalid("connectionId", "No such VTT connection"))
                .flatMap(connection -> Campaign.count("connectionId = ?1 and vttCampaignId = ?2", connection.id, request.vttCampaignId())
                        .flatMap(existing -> {
                            if (existing > 0) {
                                throw ApiException.conflict("This VTT connection already has a campaign for VTT campaign ID "
                                        + request.vttCampaignId());
                            }
                            Campaign campaign = new Campaign();
                            campaign.id = UUID.randomUUID();
                            campaign.tenantId = connection.tenantId;
                            campaign.connectionId = connection.id;
                            campaign.vttCampaignId = request.vttCampaignId().strip();
                            campaign.name = request.name().strip();
                            campaign.createdAt = Instant.now();
                            return campaign.<Campaign>persist();
                        }))
                .map(CampaignView::of);
    }
}
