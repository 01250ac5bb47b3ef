package dev.tavern.webhook.delivery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.webhook.intake.SchedulingEvent;

/**
 * Renders the integration guide's webhook bodies, field for field and in the guide's order.
 * An UPDATED record (a seat freed after finalization, or a new location) is sent as a
 * FINALIZED webhook carrying the new lists: receivers of the guide know no other type.
 */
@ApplicationScoped
public class WebhookPayloads {

    /** The guide's timestamps: ISO-8601 in UTC with milliseconds, e.g. {@code 2023-11-25T14:00:00.000Z}. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper objectMapper;

    WebhookPayloads(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** The webhook's body; {@code IllegalArgumentException} when the record lacks what its type needs. */
    public String render(SchedulingEvent event) {
        if (event.occurredAt() == null) {
            throw new IllegalArgumentException("Event " + event.eventId() + " has no occurredAt");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        switch (event.type()) {
            case "CREATED" -> {
                common(body, "CREATED", event);
                body.put("link", event.link());
                body.put("title", event.title());
            }
            case "FINALIZED", "UPDATED" -> {
                if (event.finalizedSlot() == null) {
                    throw new IllegalArgumentException(event.type() + " event " + event.eventId() + " has no finalizedSlot");
                }
                common(body, "FINALIZED", event);
                body.put("link", event.link());
                body.put("title", event.title());
                Map<String, Object> slot = new LinkedHashMap<>();
                slot.put("id", event.finalizedSlot().id());
                slot.put("startTime", timestamp(event.finalizedSlot().startTime()));
                slot.put("endTime", timestamp(event.finalizedSlot().endTime()));
                body.put("finalizedSlot", slot);
                body.put("attendees", event.attendees());
                body.put("waitlist", event.waitlist());
                body.put("location", event.location());
            }
            case "CANCELLED" -> {
                common(body, "CANCELLED", event);
                body.put("title", event.title());
            }
            default -> throw new IllegalArgumentException("Unknown scheduling event type " + event.type());
        }
        body.put("timestamp", timestamp(event.occurredAt()));
        try {
            return objectMapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Webhook body of event " + event.eventId() + " cannot be rendered", e);
        }
    }

    private static void common(Map<String, Object> body, String type, SchedulingEvent event) {
        body.put("type", type);
        body.put("eventId", event.eventId());
        body.put("fromUrlId", event.fromUrlId());
        body.put("slug", event.slug());
    }

    private static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }
}
