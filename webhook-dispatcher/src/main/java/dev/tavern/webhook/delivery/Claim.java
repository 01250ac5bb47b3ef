package dev.tavern.webhook.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery taken for one attempt: its lease keeps other instances off it until the attempt is recorded. The attempt
 * must be over by {@code attemptDeadline} (claimed + attempt timeout), so the lease's margin beyond it is left for
 * recording, however long the attempt waited to start. It carries what recording the attempt needs of the delivery, so
 * that takes one statement and no read: {@code firstAttemptAt} (the retry schedule counts from it), and what an
 * outcome record announces. {@code traceParent} is the trace the delivery's scheduling record belongs to, if any.
 */
public record Claim(UUID id, UUID cloudEventId, String tenantId, long eventId, String eventType, String targetUrl,
                    String payload, int attemptNumber, Instant createdAt, Instant firstAttemptAt, Instant attemptDeadline,
                    String traceParent) {
}
