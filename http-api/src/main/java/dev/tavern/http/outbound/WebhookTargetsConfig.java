package dev.tavern.http.outbound;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where webhooks may go: checked when an event names its fromUrl, and again before every attempt. */
@ConfigMapping(prefix = "tavern.webhook-targets")
public interface WebhookTargetsConfig {

    /** Plain http receivers are refused unless this is true (self-hosting, tests). */
    @WithDefault("false")
    boolean allowHttp();

    /** Ranges opened despite not being public (CIDR, e.g. 10.0.0.0/8 for a self-hosted receiver). */
    Optional<List<String>> allowedCidrs();
}
