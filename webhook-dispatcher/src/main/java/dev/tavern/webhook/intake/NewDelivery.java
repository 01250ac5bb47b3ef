package dev.tavern.webhook.intake;

import java.util.UUID;

/** A delivery to create for a scheduling record: its CloudEvent id, the event, the rendered webhook and the record's trace. */
public record NewDelivery(UUID cloudEventId, SchedulingEvent event, String payload, String traceParent) {
}
