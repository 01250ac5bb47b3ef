package dev.tavern.vtt.roll;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /webhooks/vtt/dice-roll}, as the VTT API document defines it. */
@Schema(description = "A dice roll from a VTT")
public record DiceRollRequest(
        @Schema(required = true, description = "VTT campaign identifier (world ID)") String campaignId,
        @Schema(required = true, description = "Character identifier in the VTT") String characterId,
        @Schema(required = true) String characterName,
        @Schema(required = true, description = "Unique roll identifier; a repeat answers the first recording") String rollId,
        @Schema(required = true, example = "1d20+5") String rollFormula,
        @Schema(required = true) BigDecimal result,
        @Schema(required = true) List<BigDecimal> diceResults,
        Boolean isCritical,
        @Schema(enumeration = {"success", "failure"}) String criticalType,
        Boolean isHidden,
        String rollType,
        Map<String, Object> metadata) {

    boolean critical() {
        return Boolean.TRUE.equals(isCritical);
    }

    boolean hidden() {
        return Boolean.TRUE.equals(isHidden);
    }
}
