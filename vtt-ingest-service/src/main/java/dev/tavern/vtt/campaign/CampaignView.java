package dev.tavern.vtt.campaign;

import java.util.UUID;

public record CampaignView(UUID id, String name, UUID connectionId, String vttCampaignId) {

    static CampaignView of(Campaign campaign) {
        return new CampaignView(campaign.id, campaign.name, campaign.connectionId, campaign.vttCampaignId);
    }
}
