package dev.tavern.webhook.delivery;

import java.time.Instant;

/**
 * What one attempt produced: a status code, or the error that prevented one. A refused
 * target (not a public address, not https) ends the delivery for good.
 */
public record AttemptOutcome(Instant attemptedAt, Integer statusCode, long latencyMs, String error, String responseBody,
                             boolean refused) {

    /** Only 2xx acknowledges a webhook; 3xx is a failure because redirects are not followed. */
    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    public String describe() {
        return error != null ? error : "HTTP " + statusCode;
    }
}
