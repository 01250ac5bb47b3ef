package dev.tavern.scheduler.page;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import dev.tavern.scheduler.event.CreateEventRequest;
import dev.tavern.scheduler.event.SlotRequest;

/** The /new form as typed: strings, so a wrong value can be shown back with its error. */
public record NewEventForm(String title, String description, String minPlayers, String maxPlayers, String timezone,
                           String fromUrl, String fromUrlId, List<Slot> slots) {

    private static final Pattern SLOT_PATH = Pattern.compile("^slots\\[(\\d+)]");

    /** Local date-times (yyyy-MM-ddTHH:mm) in the form's timezone; the keys name its errors. */
    public record Slot(int index, String start, String end) {

        public String startKey() {
            return "slots[" + index + "].start";
        }

        public String endKey() {
            return "slots[" + index + "].end";
        }

        boolean isEmpty() {
            return isBlank(start) && isBlank(end);
        }
    }

    /** The request a submitted form stands for, and what is wrong with it by field: it can be created when none is. */
    record Submission(CreateEventRequest request, Map<String, List<String>> errors) {
    }

    static NewEventForm prefilled(String title, String description, String minPlayers, String maxPlayers,
                                  String fromUrl, String fromUrlId) {
        return new NewEventForm(title, description, minPlayers == null ? "3" : minPlayers, maxPlayers, "UTC",
                fromUrl, fromUrlId, List.of(new Slot(0, "", "")));
    }

    /** The form as a browser posts it: the n-th start and the n-th end make a slot. */
    static NewEventForm posted(String title, String description, String minPlayers, String maxPlayers, String timezone,
                               String fromUrl, String fromUrlId, List<String> slotStarts, List<String> slotEnds) {
        List<Slot> slots = IntStream.range(0, Math.max(slotStarts.size(), slotEnds.size()))
                .mapToObj(i -> new Slot(i, valueAt(slotStarts, i), valueAt(slotEnds, i)))
                .toList();
        return new NewEventForm(title, description, minPlayers, maxPlayers, timezone, fromUrl, fromUrlId, slots);
    }

    /**
     * Parses what was typed (numbers, local times in the chosen timezone; empty slot rows are left out) and validates
     * the request as the API would, so the form and the API accept exactly the same events. A value that does not
     * parse keeps its own message; errors of slots name the row the person typed them in.
     */
    Submission submit(Validator validator) {
        Map<String, List<String>> errors = new TreeMap<>();
        ZoneId zone = CreateEventRequest.zoneOf(timezone).orElse(ZoneOffset.UTC);
        List<SlotRequest> slotRequests = new ArrayList<>();
        List<Integer> rowOfSlot = new ArrayList<>();
        for (Slot slot : slots) {
            if (!slot.isEmpty()) {
                slotRequests.add(new SlotRequest(localTime(slot.start(), zone, slot.startKey(), errors),
                        localTime(slot.end(), zone, slot.endKey(), errors)));
                rowOfSlot.add(slot.index());
            }
        }
        CreateEventRequest request = new CreateEventRequest(title, description, number(minPlayers, "minPlayers", errors),
                number(maxPlayers, "maxPlayers", errors), timezone, fromUrl, fromUrlId, slotRequests);
        Set<String> unparsed = Set.copyOf(errors.keySet());
        for (ConstraintViolation<CreateEventRequest> violation : validator.validate(request)) {
            String field = asTyped(violation.getPropertyPath().toString(), rowOfSlot);
            if (!unparsed.contains(field)) {
                add(errors, field, violation.getMessage());
            }
        }
        return new Submission(request, errors);
    }

    /** {@code slots[0].end} of the request is the row the person typed it in, which empty rows before it shift. */
    private static String asTyped(String field, List<Integer> rowOfSlot) {
        Matcher slot = SLOT_PATH.matcher(field);
        return slot.find() ? "slots[" + rowOfSlot.get(Integer.parseInt(slot.group(1))) + "]" + field.substring(slot.end()) : field;
    }

    private static Instant localTime(String value, ZoneId zone, String field, Map<String, List<String>> errors) {
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
        } catch (RuntimeException e) {
            add(errors, field, "Must be a date and time");
            return null;
        }
    }

    private static Integer number(String value, String field, Map<String, List<String>> errors) {
        if (isBlank(value)) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            add(errors, field, "Must be a whole number");
            return null;
        }
    }

    private static void add(Map<String, List<String>> errors, String field, String message) {
        errors.computeIfAbsent(field, key -> new ArrayList<>()).add(message);
    }

    private static String valueAt(List<String> values, int index) {
        return index < values.size() ? values.get(index) : "";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
