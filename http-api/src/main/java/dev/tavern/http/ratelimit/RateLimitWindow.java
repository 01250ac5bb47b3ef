package dev.tavern.http.ratelimit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tavern.http.errors.ApiException;

/** A caller's one-minute window of a limit, as the {@code X-RateLimit-*} headers tell it. */
public record RateLimitWindow(int limit, int used, long resetEpochSecond) {

    public boolean exceeded() {
        return used > limit;
    }

    /** This window, or a 429 (Retry-After and these headers) when the request that counted it is over the limit. */
    public RateLimitWindow admitted() {
        if (exceeded()) {
            throw ApiException.rateLimited(retryAfterSeconds(), headers());
        }
        return this;
    }

    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-RateLimit-Limit", Integer.toString(limit));
        headers.put("X-RateLimit-Remaining", Integer.toString(Math.max(0, limit - used)));
        headers.put("X-RateLimit-Reset", Long.toString(resetEpochSecond));
        return headers;
    }

    public long retryAfterSeconds() {
        return Math.max(1, resetEpochSecond - Instant.now().getEpochSecond());
    }
}
