package dev.tavern.http.ratelimit;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/** Requests per minute of each named limit ({@link RateLimited#value()}): {@code tavern.rate-limits."<name>"=120}. */
@ConfigMapping(prefix = "tavern.rate-limits")
public interface RateLimitConfig {

    @WithParentName
    Map<String, Integer> perMinute();
}
