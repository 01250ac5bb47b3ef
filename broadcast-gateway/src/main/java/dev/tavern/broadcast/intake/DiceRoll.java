package dev.tavern.broadcast.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the gateway reads of a {@code tavern.vtt.dice-rolls.v1} record; fields it does not need are ignored. Every
 * field it routes or shows by is required: a record without {@code isHidden} could otherwise reach a streamer as a
 * visible roll, so it is refused rather than given a default (fail closed).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DiceRoll(
        UUID id,
        UUID campaignId,
        String characterName,
        String rollFormula,
        BigDecimal result,
        List<BigDecimal> diceResults,
        @JsonProperty("isCritical") Boolean isCritical,
        String criticalType,
        @JsonProperty("isHidden") Boolean isHidden,
        String rollType,
        List<UUID> characterStreamerIds,
        List<UUID> campaignStreamerIds,
        Instant recordedAt) {

    /** Reads a record's value; fails with {@link OffContract} for anything the contract does not allow. */
    public static DiceRoll read(ObjectMapper objectMapper, String value) {
        DiceRoll roll;
        try {
            roll = value == null ? null : objectMapper.readValue(value, DiceRoll.class);
        } catch (JsonProcessingException e) {
            throw new OffContract("not the contract's JSON: " + e.getOriginalMessage());
        }
        if (roll == null) {
            throw new OffContract("no value");
        }
        List<String> missing = new ArrayList<>();
        require(missing, "id", roll.id);
        require(missing, "campaignId", roll.campaignId);
        require(missing, "characterName", roll.characterName);
        require(missing, "rollFormula", roll.rollFormula);
        require(missing, "result", roll.result);
        require(missing, "diceResults", roll.diceResults);
        require(missing, "isCritical", roll.isCritical);
        require(missing, "isHidden", roll.isHidden);
        require(missing, "characterStreamerIds", roll.characterStreamerIds);
        require(missing, "campaignStreamerIds", roll.campaignStreamerIds);
        require(missing, "recordedAt", roll.recordedAt);
        if (!missing.isEmpty()) {
            throw new OffContract("missing " + String.join(", ", missing));
        }
        if (roll.criticalType != null && !roll.isCritical) {
            throw new OffContract("criticalType on a roll that is not critical");
        }
        return roll;
    }

    private static void require(List<String> missing, String field, Object value) {
        if (value == null) {
            missing.add(field);
        }
    }

    /** A record the gateway must not route: it goes to the dead-letter topic and reaches no channel. */
    public static final class OffContract extends RuntimeException {

        OffContract(String reason) {
            super("Dice-roll record off its contract: " + reason, null, false, false);
        }
    }
}
