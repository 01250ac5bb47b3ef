package dev.tavern.scheduler.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.http.errors.ApiException;
import dev.tavern.scheduler.SchedulerConfig;
import io.vertx.core.http.HttpServerRequest;

/**
 * One-minute windows per client address and action, opened by the client's first request and
 * kept in this node's memory: an abuse brake for a public site, where a few more requests
 * across replicas do no harm.
 */
@ApplicationScoped
public class ClientRateLimits {

    public enum Action { CREATE, VOTE }

    private static final long WINDOW_MILLIS = 60_000;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final SchedulerConfig config;

    ClientRateLimits(SchedulerConfig config) {
        this.config = config;
    }

    /** Counts the request; 429 with Retry-After once the client's window is used up. */
    public void check(Action action, HttpServerRequest request) {
        long now = System.currentTimeMillis();
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        Window window = windows.compute(action + "|" + client,
                (key, current) -> current == null || now - current.start >= WINDOW_MILLIS ? new Window(now) : current);
        if (window.count.incrementAndGet() > limit(action)) {
            long retryAfter = Math.max(1, (window.start + WINDOW_MILLIS - now + 999) / 1000);
            throw ApiException.rateLimited(retryAfter, Map.of());
        }
        if (windows.size() > 10_000) {
            windows.values().removeIf(w -> now - w.start >= WINDOW_MILLIS);
        }
    }

    private int limit(Action action) {
        return action == Action.CREATE ? config.rateLimit().createsPerMinute() : config.rateLimit().votesPerMinute();
    }

    private static final class Window {
        final long start;
        final AtomicInteger count = new AtomicInteger();

        Window(long start) {
            this.start = start;
        }
    }
}
