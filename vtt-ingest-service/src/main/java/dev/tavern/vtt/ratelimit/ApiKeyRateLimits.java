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
 * atomic upsert, so the limit holds across any number of replicas.
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

    private final Pool pool;
    private final IngestConfig config;
    private final String countSql;
    private final String purgeSql;

    ApiKeyRateLimits(Pool pool, IngestConfig config,
                     @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.pool = pool;
        this.config = config;
        this.countSql = "INSERT INTO " + schema + ".rate_limit_window (connection_id, endpoint, window_start, requests) "
                + "VALUES ($1, $2, $3, 1) ON CONFLICT (connection_id, endpoint, window_start) "
                + "DO UPDATE SET requests = rate_limit_window.requests + 1 RETURNING requests";
        this.purgeSql = "DELETE FROM " + schema + ".rate_limit_window WHERE connection_id = $1 AND endpoint = $2 AND window_start < $3";
    }

    /** Counts this request; fails with 429 (Retry-After and X-RateLimit headers) once the window is used up. */
    public Uni<Window> count(UUID connectionId, Endpoint endpoint) {
        long now = Instant.now().getEpochSecond();
        long windowStart = now - now % 60;
        OffsetDateTime start = OffsetDateTime.ofInstant(Instant.ofEpochSecond(windowStart), ZoneOffset.UTC);
        int limit = endpoint == Endpoint.TEST ? config.rateLimit().testPerMinute() : config.rateLimit().diceRollPerMinute();
        return pool.preparedQuery(countSql).execute(Tuple.of(connectionId, endpoint.name(), start))
                .map(rows -> rows.iterator().next().getInteger(0))
                .call(used -> used == 1
                        // A key's first request in a window clears its past windows.
                        ? pool.preparedQuery(purgeSql).execute(Tuple.of(connectionId, endpoint.name(), start)).replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .map(used -> new Window(limit, used, windowStart + 60))
                .invoke(window -> {
                    if (window.exceeded()) {
                        throw ApiException.rateLimited(window.retryAfterSeconds(), window.headers());
                    }
                });
    }
}
