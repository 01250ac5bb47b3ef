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

    /**
     * How often the relay looks for unsent records besides being woken by its own replica's commits: it bounds the wait
     * of a record committed while another replica held the lock, or whose writer did not wake the relay.
     */
    @WithDefault("250ms")
    Duration pollInterval();

    /**
     * Longest wait for Kafka to acknowledge a batch; the batch then stays unsent and goes out again. It bounds how long
     * the relay holds its lock: Postgres ends a relay session idle in its transaction for longer than this plus
     * {@link #transactionMargin()} (a frozen or partitioned holder), which releases the lock for another replica.
     */
    @WithDefault("10s")
    Duration publishTimeout();

    /** Room beyond {@link #publishTimeout()} for the relay's own statements before Postgres ends its session. */
    @WithDefault("10s")
    Duration transactionMargin();

    /** How long sent records are kept before being purged. */
    @WithDefault("P7D")
    Duration retention();
}
