package dev.tavern.vtt.ratelimit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.tavern.http.errors.ApiException;
import dev.tavern.vtt.IngestConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Requests per API key and endpoint in fixed one-minute windows, counted in Postgres with one
 * atomic upsert, so the limit holds exactly across any number of replicas. The dice-roll path counts in the statement
 * that records the roll ({@link #COUNTING}); other requests count on their own ({@link #count}).
 */
@ApplicationScoped
public class ApiKeyRateLimits {

    public enum Endpoint { TEST, DICE_ROLL }

    /** The state of a key's window, as the X-RateLimit headers tell it. */
    public record Window(int limit, int used, long resetEpochSecond) {

        public boolean exceeded() {
            return used > limit;
        }

        public Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-RateLimit-Limit", Integer.toString(limit));
            headers.put("X-RateLimit-Remaining", Integer.toString(Math.max(0, limit - used)));
            headers.put("X-RateLimit-Reset", Long.toString(resetEpochSecond));
            return headers;
        }

        public long retryAfterSeconds() {
            return Math.max(1, resetEpochSecond - Instant.now().getEpochSecond());
        }
    }

    /** A request being counted: its endpoint's limit and the current one-minute window. */
    public record Counting(Endpoint endpoint, int limit, long windowStartEpochSecond) {

        /** The parameters of {@link #COUNTING}, from {@code $1}: the key's connection, the endpoint, the window's start. */
        public Tuple parameters(UUID connectionId) {
            return Tuple.of(connectionId, endpoint.name(),
                    OffsetDateTime.ofInstant(Instant.ofEpochSecond(windowStartEpochSecond), ZoneOffset.UTC));
        }

        /** The window once {@code used} requests, this one included, were counted; 429 when that is over the limit. */
        public Window counted(int used) {
            Window window = new Window(limit, used, windowStartEpochSecond + 60);
            if (window.exceeded()) {
                throw ApiException.rateLimited(window.retryAfterSeconds(), window.headers());
            }
            return window;
        }
    }

    /**
     * Counts a request, as common table expressions other statements can start with: {@code counted} has one row, the
     * window's requests with this one, and a key's first request in a window clears its past ones. Parameters
     * {@code $1}–{@code $3} are {@link Counting#parameters}; {@code %1$s} is the schema.
     */
    public static final String COUNTING = """
            counted AS (INSERT INTO %1$s.rate_limit_window (connection_id, endpoint, window_start, requests)
                        VALUES ($1, $2, $3, 1)
                        ON CONFLICT (connection_id, endpoint, window_start)
                        DO UPDATE SET requests = rate_limit_window.requests + 1
                        RETURNING requests),
            purged AS (DELETE FROM %1$s.rate_limit_window
                       WHERE connection_id = $1 AND endpoint = $2 AND window_start < $3 AND (SELECT requests FROM counted) = 1)""";

    private final Pool pool;
    private final IngestConfig config;
    private final String countSql;

    ApiKeyRateLimits(Pool pool, IngestConfig config,
                     @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.pool = pool;
        this.config = config;
        this.countSql = ("WITH " + COUNTING + " SELECT requests FROM counted").formatted(schema);
    }

    /** The current window of an endpoint's limit. */
    public Counting counting(Endpoint endpoint) {
        long now = Instant.now().getEpochSecond();
        int limit = endpoint == Endpoint.TEST ? config.rateLimit().testPerMinute() : config.rateLimit().diceRollPerMinute();
        return new Counting(endpoint, limit, now - now % 60);
    }

    /** Counts this request in one round trip; fails with 429 (Retry-After and X-RateLimit headers) once the window is used up. */
    public Uni<Window> count(UUID connectionId, Endpoint endpoint) {
        Counting counting = counting(endpoint);
        return pool.preparedQuery(countSql).execute(counting.parameters(connectionId))
                .map(rows -> counting.counted(rows.iterator().next().getInteger("requests")));
    }
}
