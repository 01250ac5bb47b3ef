package dev.tavern.broadcast.subscription;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * How the gateway's consumers of the subscription topics keep what they read: a record is in force on this replica as
 * soon as it is read, and done only once it is in the gateway's store, retried meanwhile. A Postgres outage so holds up
 * that topic (retried), but neither the rolls nor what this replica enforces.
 */
final class StoreRetry {

    private static final Logger LOG = Logger.getLogger(StoreRetry.class);
    private static final Duration RETRY_MIN_BACKOFF = Duration.ofMillis(200);
    private static final Duration RETRY_MAX_BACKOFF = Duration.ofSeconds(10);

    private StoreRetry() {
    }

    /** The record's write to the store, retried with backoff until it succeeds. */
    static Uni<Void> untilStored(Uni<Void> write, String what, ConsumerRecord<?, ?> record) {
        return write
                .onFailure().invoke(failure -> LOG.warnf("Cannot store the %s at offset %d of partition %d yet, retrying: %s",
                        what, record.offset(), record.partition(), failure))
                .onFailure().retry().withBackOff(RETRY_MIN_BACKOFF, RETRY_MAX_BACKOFF).indefinitely();
    }
}
