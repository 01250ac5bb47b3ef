package dev.tavern.vtt.roll;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /webhooks/vtt/dice-roll}, as the VTT API document defines it. */
public record DiceRollRequest(
        @NotBlank(message = "Campaign ID is required") @Size(max = 200) String campaignId,
        @NotBlank(message = "Character ID is required") @Size(max = 200) String characterId,
        @NotBlank(message = "Character name is required") @Size(max = 200) String characterName,
        @NotBlank(message = "Roll ID is required") @Size(max = 200) String rollId,
        @NotBlank(message = "Roll formula is required") @Size(max = 500) String rollFormula,
        @NotNull(message = "Result is required") BigDecimal result,
        @NotNull(message = "Dice results are required") @Size(max = 100) List<@NotNull BigDecimal> diceResults,
        Boolean isCritical,
        String criticalType,
        Boolean isHidden,
        @Size(max = 100) String rollType,
        Map<String, Object> metadata) {

    boolean critical() {
        return Boolean.TRUE.equals(isCritical);
    }

    boolean hidden() {
        return Boolean.TRUE.equals(isHidden);
    }
}
