package dev.tavern.broadcast.subscription;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The revocations every replica has read, in the gateway's schema, with how far the topic has been read. Every replica
 * writes every revocation it reads (idempotently), so the table stays whole while any replica runs.
 */
@ApplicationScoped
public class RevocationStore {

    /** What a replica starts from: the revocations still in force, and per partition the next offset to read. */
    public record Snapshot(Map<String, Instant> revocations, Map<Integer, Long> nextOffsets) {
    }

    private static final Logger LOG = Logger.getLogger(RevocationStore.class);
    private static final Duration PRUNE_INTERVAL = Duration.ofHours(1);

    private final Pool pool;

    RevocationStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Snapshot> load() {
        return pool.query("SELECT token_id, expires_at FROM broadcast.subscription_revocation WHERE expires_at > now()").execute()
                .flatMap(revoked -> pool.query("SELECT partition, next_offset FROM broadcast.revocation_topic_position").execute()
                        .map(positions -> {
                            Map<String, Instant> revocations = new HashMap<>();
                            for (Row row : revoked) {
                                revocations.put(row.getString("token_id"), row.getOffsetDateTime("expires_at").toInstant());
                            }
                            Map<Integer, Long> nextOffsets = new HashMap<>();
                            for (Row row : positions) {
                                nextOffsets.put(row.getInteger("partition"), row.getLong("next_offset"));
                            }
                            return new Snapshot(revocations, nextOffsets);
                        }));
    }

    /**
     * The position after a record, with the revocation it carries (none for a record off its contract), in one
     * statement; a record read twice, or by several replicas, changes nothing more.
     */
    public Uni<Void> record(int partition, long offset, String tokenId, Instant expiresAt) {
        return pool.preparedQuery("""
                        WITH revoked AS (
                            INSERT INTO broadcast.subscription_revocation (token_id, expires_at)
                            SELECT $1::text, $2::timestamptz WHERE $1::text IS NOT NULL
                            ON CONFLICT (token_id) DO NOTHING)
                        INSERT INTO broadcast.revocation_topic_position (partition, next_offset) VALUES ($3, $4)
                        ON CONFLICT (partition) DO UPDATE
                        SET next_offset = GREATEST(revocation_topic_position.next_offset, EXCLUDED.next_offset)""")
                .execute(Tuple.of(tokenId, expiresAt == null ? null : OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC),
                        partition, offset + 1))
                .replaceWithVoid();
    }

    void pruneEveryHour(@Observes StartupEvent event, Vertx vertx) {
        vertx.setPeriodic(PRUNE_INTERVAL.toMillis(), id -> prune().subscribe().with(
                pruned -> LOG.debugf("Forgot %d revocations of expired tokens", pruned),
                failure -> LOG.debugf("Pruning revocations failed, trying again in an hour: %s", failure)));
    }

    /** Revocations of tokens that have expired: those tokens are refused anyway. */
    Uni<Integer> prune() {
        return pool.query("DELETE FROM broadcast.subscription_revocation WHERE expires_at <= now()").execute().map(rows -> rows.rowCount());
    }
}
