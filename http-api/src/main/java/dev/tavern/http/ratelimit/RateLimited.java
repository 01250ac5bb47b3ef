package dev.tavern.http.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts every request to this route against a limit per minute, per caller or per client address, exactly across
 * replicas ({@link FixedWindows}); a request over it answers 429 with {@code Retry-After}, and every answer carries
 * {@code X-RateLimit-Limit}, {@code -Remaining} and {@code -Reset} ({@link RateLimitFilters}). The limit's requests per
 * minute are {@code tavern.rate-limits."<name>"}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RateLimited {

    /** The limit's name, e.g. {@code dice-roll}. */
    String value();

    /** Whose requests count together. */
    Per per();

    enum Per {
        /** The authenticated caller (its principal's name); an anonymous request is left to the route's security. */
        CALLER,
        /** The client's address, as the proxy forwarding settings give it. */
        CLIENT_ADDRESS
    }
}
