package dev.tavern.webhook;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tavern.webhook")
public interface WebhookConfig {

    /** Longest wait for a receiver's answer; a slower one counts as a failed attempt. */
    @WithDefault("10s")
    Duration attemptTimeout();

    /** Sent as {@code User-Agent: Tavern-Webhooks/<version>}. */
    @WithDefault("${quarkus.application.version:0}")
    String version();
}
