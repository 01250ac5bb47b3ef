package dev.tavern.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tavern.outbox")
public interface OutboxConfig {

    /** The CloudEvents {@code ce_source} of every record this service publishes, e.g. {@code /tavern/scheduler-service}. */
    String source();

    /** The Postgres schema holding this service's {@code outbox_message} table. */
    String schema();

    /** Most records relayed in one transaction. */
    @WithDefault("500")
    int batchSize();

    /** Safety net beside LISTEN/NOTIFY: how often the relay looks for unsent records anyway. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long sent records are kept before being purged. */
    @WithDefault("P7D")
    Duration retention();
}
