package dev.tavern.broadcast.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What the gateway reads of a {@code tavern.vtt.dice-rolls.v1} record; fields it does not need are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DiceRoll(
        UUID id,
        UUID campaignId,
        String characterName,
        String rollFormula,
        BigDecimal result,
        List<BigDecimal> diceResults,
        @JsonProperty("isCritical") boolean isCritical,
        String criticalType,
        @JsonProperty("isHidden") boolean isHidden,
        String rollType,
        List<UUID> characterStreamerIds,
        List<UUID> campaignStreamerIds,
        Instant recordedAt) {
}
