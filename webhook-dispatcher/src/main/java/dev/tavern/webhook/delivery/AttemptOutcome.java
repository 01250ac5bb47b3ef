package dev.tavern.webhook.delivery;

import java.time.Instant;

import dev.tavern.tenants.TenantRecord;

/**
 * What one attempt produced: a status code, or the error that prevented one. A refused
 * target (not a public address, not https) ends the delivery for good.
 */
public record AttemptOutcome(Instant attemptedAt, Integer statusCode, long latencyMs, String error, String responseBody,
                             boolean refused) {

    /**
     * No request made: the tenant is no longer served ({@code tavern.tenants.v1}). A deleted tenant's delivery ends for
     * good; a suspended one's is retried on its schedule, so it goes out if the tenant is resumed within the window.
     */
    static AttemptOutcome withheld(TenantRecord.Status status) {
        boolean deleted = status == TenantRecord.Status.DELETED;
        return new AttemptOutcome(Instant.now(), null, 0, "Not attempted: the community is " + (deleted ? "deleted" : "suspended"),
                null, deleted);
    }

    /** Only 2xx acknowledges a webhook; 3xx is a failure because redirects are not followed. */
    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    public String describe() {
        return error != null ? error : "HTTP " + statusCode;
    }
}
