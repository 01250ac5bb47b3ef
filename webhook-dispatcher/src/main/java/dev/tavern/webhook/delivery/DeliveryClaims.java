package dev.tavern.webhook.delivery;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.tavern.webhook.WebhookConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Takes due deliveries for attempts, across any number of instances: rows are locked
 * {@code FOR UPDATE SKIP LOCKED} and leased (their next attempt moved past the attempt's
 * timeout) in one short transaction, so two instances never take the same attempt and a
 * crashed instance's attempt comes due again. A delivery waits while an earlier one of the
 * same event is pending.
 */
@ApplicationScoped
public class DeliveryClaims {

    private final Pool pool;
    private final WebhookConfig config;
    private final String claimSql;

    DeliveryClaims(Pool pool, WebhookConfig config,
                   @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.pool = pool;
        this.config = config;
        this.claimSql = claimSql(schema);
    }

    /**
     * A delivery waits while an earlier one of its event has not ended. That check reads {@code delivery_by_event} and
     * names the ended statuses rather than {@code status = 'PENDING'}, so no index whose predicate is "pending" can
     * serve it: the planner estimates such an index from statistics, and autovacuum may take them while nothing is
     * pending, between two bursts. With those, every claim scanned all pending rows for each candidate; with 4,000
     * pending a claim took 3-4 s, and a burst went out at 66 webhooks a second until the next analyse, a minute later.
     */
    static String claimSql(String schema) {
        return """
                WITH due AS (
                    SELECT d.id FROM %1$s.delivery d
                    WHERE d.status = 'PENDING' AND d.next_attempt_at <= $1
                      AND NOT EXISTS (SELECT 1 FROM %1$s.delivery earlier
                                      WHERE earlier.event_id = d.event_id AND earlier.intake_seq < d.intake_seq
                                        AND earlier.status NOT IN ('DELIVERED', 'FAILED'))
                    ORDER BY d.next_attempt_at, d.intake_seq
                    LIMIT $2
                    FOR UPDATE SKIP LOCKED)
                UPDATE %1$s.delivery d
                SET next_attempt_at = $3, attempt_count = d.attempt_count + 1, first_attempt_at = COALESCE(d.first_attempt_at, $1)
                FROM due WHERE d.id = due.id
                RETURNING d.id, d.cloud_event_id, d.tenant_id, d.event_id, d.event_type, d.target_url, d.payload, d.attempt_count,
                          d.created_at, d.first_attempt_at, d.trace_parent
                """.formatted(schema);
    }

    public Uni<List<Claim>> claimDue(int limit) {
        if (limit <= 0) {
            return Uni.createFrom().item(List.of());
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // The lease outlasts the attempt's timeout, with room for recording it.
        OffsetDateTime attemptDeadline = now.plus(config.attemptTimeout());
        OffsetDateTime leaseEnd = attemptDeadline.plus(config.leaseMargin());
        return pool.withTransaction(connection -> connection.preparedQuery(claimSql).execute(Tuple.of(now, limit, leaseEnd)))
                .map(rows -> {
                    List<Claim> claims = new ArrayList<>();
                    for (Row row : rows) {
                        claims.add(new Claim(row.getUUID("id"), row.getUUID("cloud_event_id"), row.getString("tenant_id"),
                                row.getLong("event_id"), row.getString("event_type"), row.getString("target_url"),
                                row.getString("payload"), row.getInteger("attempt_count"),
                                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("first_attempt_at").toInstant(),
                                attemptDeadline.toInstant(), row.getString("trace_parent")));
                    }
                    return claims;
                });
    }
}
