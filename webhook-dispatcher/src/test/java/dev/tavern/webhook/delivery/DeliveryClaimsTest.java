package dev.tavern.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.TavernInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The claim a dispatcher makes after a pause: thousands of deliveries pending, and table statistics autovacuum took
 * while none was (between two bursts). Its plan reads about the rows it claims, not every pending row per candidate.
 * Run on a copy of the delivery table in a schema of its own, so the statistics are this test's.
 */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class DeliveryClaimsTest {

    private static final int BACKLOG = 4_000;
    private static final int WAITING_BEHIND_EARLIER = 50;
    private static final int CLAIM = 64;

    @Inject
    Pool pool;

    private final String schema = "claims_" + UUID.randomUUID().toString().replace("-", "");

    @Test
    void aClaimAfterABurstReadsItsBatchNotTheBacklog() {
        run("CREATE SCHEMA " + schema);
        run("CREATE TABLE " + schema + ".delivery (LIKE webhook.delivery INCLUDING ALL)");
        // One delivery per event, all ended when autovacuum analyses the table.
        run("""
                INSERT INTO %s.delivery (id, cloud_event_id, tenant_id, event_id, event_type, target_url, payload, status,
                                         attempt_count, created_at, next_attempt_at)
                SELECT gen_random_uuid(), gen_random_uuid(), 'default', g, 'CREATED', 'https://example.org/hook', '{}',
                       'DELIVERED', 1, now(), now()
                FROM generate_series(1, %d) g""".formatted(schema, BACKLOG));
        run("ANALYZE " + schema + ".delivery");
        // The burst: all of them pending again, and for some events a later delivery, due earliest of all, which must
        // wait for the first.
        run("UPDATE " + schema + ".delivery SET status = 'PENDING', next_attempt_at = now() - interval '1 second'");
        run("""
                INSERT INTO %s.delivery (id, cloud_event_id, tenant_id, event_id, event_type, target_url, payload, status,
                                         attempt_count, created_at, next_attempt_at)
                SELECT gen_random_uuid(), gen_random_uuid(), 'default', g, 'FINALIZED', 'https://example.org/hook', '{}',
                       'PENDING', 0, now(), now() - interval '1 hour'
                FROM generate_series(1, %d) g""".formatted(schema, WAITING_BEHIND_EARLIER));

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Row explained = pool.preparedQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + DeliveryClaims.claimSql(schema))
                .execute(Tuple.of(now, CLAIM, now.plusMinutes(1)))
                .await().indefinitely().iterator().next();
        JsonObject plan = new JsonArray(explained.getValue(0).toString()).getJsonObject(0).getJsonObject("Plan");

        assertThat(rowsRead(plan)).as("rows the claim read, in the plan %s", plan.encodePrettily())
                .isLessThan(BACKLOG);
        List<String> claimed = pool.query("SELECT event_type FROM " + schema + ".delivery WHERE next_attempt_at > now()")
                .execute().await().indefinitely().stream().map(row -> row.getString("event_type")).toList();
        assertThat(claimed).hasSize(CLAIM).containsOnly("CREATED");
    }

    /** Every row a node produced or filtered out, over all its loops, summed over the plan. */
    private static long rowsRead(JsonObject node) {
        long loops = node.getLong("Actual Loops", 1L);
        long rows = (node.getLong("Actual Rows", 0L) + node.getLong("Rows Removed by Filter", 0L)
                + node.getLong("Rows Removed by Join Filter", 0L)) * loops;
        JsonArray children = node.getJsonArray("Plans", new JsonArray());
        for (int i = 0; i < children.size(); i++) {
            rows += rowsRead(children.getJsonObject(i));
        }
        return rows;
    }

    private void run(String sql) {
        pool.query(sql).execute().await().indefinitely();
    }

    @AfterEach
    void dropSchema() {
        run("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
}
