package dev.tavern.vtt.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Requests and answers of the campaign management API. */
public final class CampaignViews {

    private CampaignViews() {
    }

    public record NewCampaign(
            @NotBlank(message = "Name is required") @Size(max = 200) String name,
            @NotNull(message = "VTT connection is required") UUID connectionId,
            @NotBlank(message = "VTT campaign ID is required") @Size(max = 200) String vttCampaignId) {
    }

    public record CampaignView(UUID id, String name, UUID connectionId, String vttCampaignId) {
        static CampaignView of(Campaign c) {
            return new CampaignView(c.id(), c.name(), c.connectionId(), c.vttCampaignId());
        }
    }

    public record NewCharacter(
            @NotBlank(message = "VTT character ID is required") @Size(max = 200) String vttCharacterId,
            @NotBlank(message = "Name is required") @Size(max = 200) String name) {
    }

    public record CharacterView(UUID id, String vttCharacterId, String name, UUID streamerId) {
        static CharacterView of(GameCharacter c) {
            return new CharacterView(c.id(), c.vttCharacterId(), c.name(), c.streamerId());
        }
    }

    public record Assignment(@NotNull(message = "Streamer is required") UUID streamerId) {
    }

    public record RollView(UUID id, String vttRollId, String characterName, String rollFormula, BigDecimal result,
                           String diceResults, @JsonProperty("isCritical") boolean isCritical, String criticalType,
                           @JsonProperty("isHidden") boolean isHidden, String rollType, Instant recordedAt) {
    }

    public record RecentRolls(UUID campaignId, List<RollView> rolls) {
    }
}
