package dev.tavern.vtt.roll;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.http.errors.ApiException;
import dev.tavern.http.errors.ErrorResponse;

/**
 * Reads a dice-roll body and lists every problem at once, the way the VTT API document
 * answers: 400 for what is missing or of the wrong type or size, then 422 for a roll that is
 * well-formed but inconsistent:
 * <ul>
 *   <li>{@code criticalType} given for a roll that is not critical (a critical roll may leave it out: the API
 *       document does not require it, so the roll is a critical of no stated kind);</li>
 *   <li>no die result, or more than {@value #MAX_DICE};</li>
 *   <li>{@code result} or a die result that is not a finite number within ±{@value #MAX_MAGNITUDE}.</li>
 * </ul>
 */
final class DiceRollValidator {

    static final int MAX_DICE = 100;
    static final long MAX_MAGNITUDE = 1_000_000_000_000L;
    static final int MAX_METADATA_CHARS = 8_192;

    private final ObjectMapper objectMapper;
    private final Map<String, List<String>> problems = new TreeMap<>();
    private final Map<String, List<String>> inconsistencies = new TreeMap<>();

    private DiceRollValidator(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** The roll, or an {@link ApiException} (400 or 422) naming every field that is wrong. */
    static DiceRollRequest validate(ObjectMapper objectMapper, String body) {
        return new DiceRollValidator(objectMapper).read(body);
    }

    private DiceRollRequest read(String body) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null
                    : objectMapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (Exception e) {
            throw new ApiException(400, ErrorResponse.validation(Map.of("body", List.of("Must be valid JSON"))));
        }
        if (json == null || !json.isObject()) {
            throw new ApiException(400, ErrorResponse.validation(Map.of("body", List.of("Must be a JSON object"))));
        }
        String campaignId = text(json, "campaignId", "Campaign ID is required", 200);
        String characterId = text(json, "characterId", "Character ID is required", 200);
        String characterName = text(json, "characterName", "Character name is required", 200);
        String rollId = text(json, "rollId", "Roll ID is required", 200);
        String rollFormula = text(json, "rollFormula", "Roll formula is required", 500);
        BigDecimal result = number(json.get("result"), "result", "Result is required");
        List<BigDecimal> diceResults = dice(json.get("diceResults"));
        Boolean isCritical = bool(json, "isCritical");
        String criticalType = optionalText(json, "criticalType", 20);
        if (criticalType != null && !criticalType.equals("success") && !criticalType.equals("failure")) {
            add("criticalType", "Must be \"success\" or \"failure\"");
        }
        Boolean isHidden = bool(json, "isHidden");
        String rollType = optionalText(json, "rollType", 100);
        Map<String, Object> metadata = metadata(json.get("metadata"));
        failIfAny(400, problems);

        if (criticalType != null && !Boolean.TRUE.equals(isCritical)) {
            inconsistent("criticalType", "Only a critical roll has a critical type");
        }
        if (diceResults.isEmpty()) {
            inconsistent("diceResults", "At least one die result is needed");
        }
        if (diceResults.size() > MAX_DICE) {
            inconsistent("diceResults", "At most " + MAX_DICE + " dice");
        }
        failIfAny(422, inconsistencies);
        return new DiceRollRequest(campaignId, characterId, characterName, rollId, rollFormula, result, diceResults,
                isCritical, criticalType, isHidden, rollType, metadata);
    }

    private String text(JsonNode json, String field, String requiredMessage, int maxLength) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            add(field, requiredMessage);
            return null;
        }
        return checkedText(node, field, maxLength);
    }

    private String optionalText(JsonNode json, String field, int maxLength) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : checkedText(node, field, maxLength);
    }

    private String checkedText(JsonNode node, String field, int maxLength) {
        if (!node.isTextual()) {
            add(field, "Must be a string");
            return null;
        }
        String value = node.asText();
        if (value.length() > maxLength) {
            add(field, "Must be at most " + maxLength + " characters");
        }
        if (value.indexOf('\u0000') >= 0) {
            add(field, "Must not contain NUL characters");
        }
        return value;
    }

    private BigDecimal number(JsonNode node, String field, String requiredMessage) {
        if (node == null || node.isNull()) {
            add(field, requiredMessage);
            return null;
        }
        if (!node.isNumber()) {
            add(field, "Must be a number");
            return null;
        }
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            inconsistent(field, "Must be a finite number");
            return null;
        }
        BigDecimal value = node.decimalValue();
        if (value.abs().compareTo(BigDecimal.valueOf(MAX_MAGNITUDE)) > 0) {
            inconsistent(field, "Must be between -" + MAX_MAGNITUDE + " and " + MAX_MAGNITUDE);
        }
        return value;
    }

    private List<BigDecimal> dice(JsonNode node) {
        List<BigDecimal> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            add("diceResults", "Dice results are required");
        } else if (!node.isArray()) {
            add("diceResults", "Must be an array of numbers");
        } else if (node.size() > 1000) {
            add("diceResults", "Must have at most 1000 entries");
        } else {
            for (int i = 0; i < node.size(); i++) {
                values.add(number(node.get(i), "diceResults[" + i + "]", "Must be a number"));
            }
        }
        return values;
    }

    private Boolean bool(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            add(field, "Must be true or false");
            return null;
        }
        return node.booleanValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> metadata(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            add("metadata", "Must be an object");
            return null;
        }
        String json = node.toString();
        if (json.length() > MAX_METADATA_CHARS) {
            add("metadata", "Must be at most " + MAX_METADATA_CHARS + " characters of JSON");
        }
        if (json.contains("\\u0000")) {
            add("metadata", "Must not contain NUL characters");
            return null;
        }
        return objectMapper.convertValue(node, Map.class);
    }

    private void add(String field, String message) {
        problems.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }

    private void inconsistent(String field, String message) {
        inconsistencies.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }

    private static void failIfAny(int status, Map<String, List<String>> found) {
        if (!found.isEmpty()) {
            throw new ApiException(status, ErrorResponse.validation(new TreeMap<>(found)));
        }
    }
}
