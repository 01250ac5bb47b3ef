package dev.tavern.webhook.delivery;

import java.util.UUID;

/** A delivery taken for one attempt: its lease keeps other instances off it until the attempt is recorded. */
public record Claim(UUID id, String tenantId, String targetUrl, String payload, int attemptNumber) {
}
