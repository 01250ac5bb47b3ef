package dev.tavern.http.ratelimit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.core.Future;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Requests per subject and limit in fixed one-minute windows, counted in the service's own Postgres schema with one
 * atomic upsert: the limit holds exactly across any number of replicas, and a window costs one row. The service's
 * schema has the table {@code rate_limit_window (subject, name, window_start, requests)} (its own migration).
 *
 * <p>Why not a rate-limit library: the count must be exact across replicas without another store, and the dice-roll
 * path folds it into the statement that records the roll ({@link #COUNTING}), one round trip for both; libraries
 * backed by Postgres (Bucket4j's) block a thread per request and keep a bucket per key in a statement of their own.
 */
@ApplicationScoped
public class FixedWindows {

    private static final long WINDOW_SECONDS = 60;

    /**
     * Counts a request, as common table expressions other statements can start with: {@code counted} has one row, the
     * window's requests with this one, and a subject's first request in a window clears its past ones. Parameters
     * {@code $1}–{@code $3} are {@link Counting#parameters}; {@code %1$s} is the schema.
     */
    public static final String COUNTING = """
            counted AS (INSERT INTO %1$s.rate_limit_window (subject, name, window_start, requests)
                        VALUES ($1, $2, $3, 1)
                        ON CONFLICT (subject, name, window_start)
                        DO UPDATE SET requests = rate_limit_window.requests + 1
                        RETURNING requests),
            purged AS (DELETE FROM %1$s.rate_limit_window
                       WHERE subject = $1 AND name = $2 AND window_start < $3 AND (SELECT requests FROM counted) = 1)""";

    /** A request being counted: its limit and the current one-minute window. */
    public record Counting(String name, String subject, int limit, long windowStartEpochSecond) {

        /** The parameters of {@link #COUNTING}, from {@code $1}. */
        public Tuple parameters() {
            return Tuple.of(subject, name, OffsetDateTime.ofInstant(Instant.ofEpochSecond(windowStartEpochSecond), ZoneOffset.UTC));
        }

        /** The window once {@code used} requests, this one included, were counted. */
        public RateLimitWindow window(int used) {
            return new RateLimitWindow(limit, used, windowStartEpochSecond + WINDOW_SECONDS);
        }
    }

    private final Pool pool;
    private final RateLimitConfig config;
    private final String countSql;

    FixedWindows(Pool pool, RateLimitConfig config, @ConfigProperty(name = "quarkus.flyway.default-schema") String schema) {
        this.pool = pool;
        this.config = config;
        this.countSql = ("WITH " + COUNTING + " SELECT requests FROM counted").formatted(schema);
    }

    /** The current window of a named limit for this subject; a name without a configured limit is a bug. */
    public Counting counting(String name, String subject) {
        Integer limit = config.perMinute().get(name);
        if (limit == null) {
            throw new IllegalStateException("No tavern.rate-limits.\"" + name + "\" configured");
        }
        long now = Instant.now().getEpochSecond();
        return new Counting(name, subject, limit, now - now % WINDOW_SECONDS);
    }

    /** Counts the request in one round trip and answers its window, which may be over the limit. */
    public Uni<RateLimitWindow> count(Counting counting) {
        return UniHelper.toUni(countRequest(counting));
    }

    /** {@link #count} on Vert.x's own futures, for a route that runs no Mutiny pipeline. */
    public Future<RateLimitWindow> countRequest(Counting counting) {
        return pool.getDelegate().preparedQuery(countSql).execute(counting.parameters().getDelegate())
                .map(rows -> counting.window(rows.iterator().next().getInteger("requests")));
    }
}
