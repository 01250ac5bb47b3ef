package dev.tavern.vtt.cors;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.tavern.vtt.IngestConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CorsHandler;

/**
 * Cross-origin access, with Vert.x's own CORS handler on each path family. Quarkus's CORS filter has one policy for
 * the whole application, and the two families need opposite ones:
 * <ul>
 *   <li>{@code /webhooks/vtt/*} is called by VTT modules running in the game master's browser, from any address the
 *       VTT is served on: every origin, {@code Authorization} and {@code Content-Type}, no cookies (the API key is a
 *       Bearer header, so credentials mode is never needed), the preflight cached for a day, and the rate-limit
 *       headers readable by the module;</li>
 *   <li>{@code /api/*} (the management API) only for the configured origins, none by default, so a browser refuses
 *       a cross-origin call unless an operator opened it for an admin front end.</li>
 * </ul>
 * Both handlers run before any resource, so 401, 404, 413, 422 and 429 answers carry the headers too.
 */
@ApplicationScoped
public class CrossOriginRoutes {

    /** A day: browsers cap it lower (Chromium at 2 hours), and the answer never changes between releases. */
    static final int PREFLIGHT_MAX_AGE_SECONDS = 86_400;
    private static final Set<String> REQUEST_HEADERS = Set.of("Authorization", "Content-Type");
    private static final Set<String> EXPOSED_HEADERS = Set.of("Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining",
            "X-RateLimit-Reset");
    /** Before the REST layer, which would otherwise answer a preflight itself, without CORS headers. */
    private static final int BEFORE_RESOURCES = -100;

    void install(@Observes Router router, IngestConfig config) {
        router.route("/webhooks/vtt/*").order(BEFORE_RESOURCES).handler(policy(CorsHandler.create(),
                Set.of(HttpMethod.POST)));
        List<String> managementOrigins = config.managementCorsOrigins().orElse(List.of());
        if (!managementOrigins.isEmpty()) {
            router.route("/api/*").order(BEFORE_RESOURCES).handler(policy(CorsHandler.create().addOrigins(managementOrigins),
                    Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE)));
        }
    }

    private static CorsHandler policy(CorsHandler handler, Set<HttpMethod> methods) {
        return handler.allowedMethods(methods)
                .allowedHeaders(REQUEST_HEADERS)
                .exposedHeaders(EXPOSED_HEADERS)
                .allowCredentials(false)
                .maxAgeSeconds(PREFLIGHT_MAX_AGE_SECONDS);
    }
}
