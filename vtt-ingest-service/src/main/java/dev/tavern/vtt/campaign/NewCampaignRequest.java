package dev.tavern.vtt.campaign;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record NewCampaignRequest(
        @NotBlank(message = "Name is required") @Size(max = 200) String name,
        @NotNull(message = "VTT connection is required") UUID connectionId,
        @NotBlank(message = "VTT campaign ID is required") @Size(max = 200) String vttCampaignId) {
}
