package dev.tavern.vtt.roll;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The value of a record on {@code tavern.vtt.dice-rolls.v1}; see docs/contracts for the contract. */
public record DiceRollMessage(
        UUID id,
        String tenantId,
        UUID campaignId,
        String vttCampaignId,
        UUID characterId,
        String vttCharacterId,
        String characterName,
        String vttRollId,
        String rollFormula,
        BigDecimal result,
        List<BigDecimal> diceResults,
        @JsonProperty("isCritical") boolean isCritical,
        String criticalType,
        @JsonProperty("isHidden") boolean isHidden,
        String rollType,
        Map<String, Object> metadata,
        List<UUID> characterStreamerIds,
        List<UUID> campaignStreamerIds,
        Instant recordedAt) {
}
