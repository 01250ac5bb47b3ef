package dev.tavern.webhook.delivery;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.webhook.intake.SchedulingEvent;

/** Renders the integration guide's webhook bodies, field for field and in the guide's order. */
@ApplicationScoped
public class WebhookPayloads {

    /** The guide's timestamps: ISO-8601 in UTC with milliseconds, e.g. {@code 2023-11-25T14:00:00.000Z}. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper objectMapper;

    WebhookPayloads(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public String render(SchedulingEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type());
        body.put("eventId", event.eventId());
        body.put("fromUrlId", event.fromUrlId());
        body.put("slug", event.slug());
        body.put("link", event.link());
        body.put("title", event.title());
        body.put("timestamp", TIMESTAMP.format(event.occurredAt()));
        try {
            return objectMapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Webhook body of event " + event.eventId() + " cannot be rendered", e);
        }
    }
}
