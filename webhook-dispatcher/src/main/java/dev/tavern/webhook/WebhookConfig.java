package dev.tavern.webhook;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tavern.webhook")
public interface WebhookConfig {

    /** Longest wait for a receiver's answer; a slower one counts as a failed attempt. */
    @WithDefault("10s")
    Duration attemptTimeout();

    /** Time between attempts of a delivery that has not yet been acknowledged. */
    @WithDefault("5m")
    Duration retryInterval();

    /** No attempt starts later than this after the first one; then the delivery is FAILED for good. */
    @WithDefault("1h")
    Duration retryWindow();

    /** How often due deliveries are looked for (new ones are also attempted at once). */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long a claimed delivery stays reserved beyond the attempt timeout before another instance may take it. */
    @WithDefault("30s")
    Duration leaseMargin();

    /** Most attempts under way at once on one instance. */
    @WithDefault("64")
    int maxConcurrentAttempts();

    /** Sent as {@code User-Agent: Tavern-Webhooks/<version>}. */
    @WithDefault("${quarkus.application.version:0}")
    String version();

    Signing signing();

    interface Signing {

        /** AES-256 key (base64) that encrypts signing secrets at rest; required in production. */
        String encryptionKey();

        /** How long a rotated-out secret still signs beside the new one. */
        @WithDefault("24h")
        Duration rotationGrace();
    }
}
