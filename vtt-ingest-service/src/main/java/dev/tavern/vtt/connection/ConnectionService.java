package dev.tavern.vtt.connection;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.http.errors.ApiException;
import dev.tavern.vtt.IngestConfig;
import dev.tavern.vtt.Secrets;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ConnectionService {

    static final String API_KEY_PREFIX = "ta_";

    private final IngestConfig config;

    ConnectionService(IngestConfig config) {
        this.config = config;
    }

    /** Creates a connection and answers its API key, the only time it is ever shown. */
    @WithTransaction
    public Uni<ConnectionView> create(NewConnectionRequest request) {
        String apiKey = Secrets.generate(API_KEY_PREFIX);
        VttConnection connection = new VttConnection();
        connection.id = UUID.randomUUID();
        connection.tenantId = config.defaultTenant();
        connection.name = request.name().strip();
        connection.provider = request.provider().strip();
        connection.apiKeyHash = Secrets.hash(apiKey);
        connection.status = ConnectionStatus.active;
        connection.createdAt = Instant.now();
        return connection.persist().map(saved -> new ConnectionView(connection.id, connection.name,
                connection.provider, connection.status, apiKey));
    }

    /** The active connection an {@code Authorization: Bearer ta_...} header proves, or 401. */
    @WithSession
    public Uni<VttConnection> authenticate(String authorization) {
        String apiKey = Secrets.bearer(authorization);
        if (apiKey == null || !apiKey.startsWith(API_KEY_PREFIX)) {
            return Uni.createFrom().failure(invalidKey());
        }
        byte[] hash = Secrets.hash(apiKey);
        return VttConnection.<VttConnection>find("apiKeyHash", hash).firstResult()
                .map(connection -> {
                    if (connection == null || connection.status != ConnectionStatus.active
                            || !Secrets.matches(apiKey, connection.apiKeyHash)) {
                        throw invalidKey();
                    }
                    return connection;
                });
    }

    private static ApiException invalidKey() {
        return ApiException.unauthorized("Invalid API Key");
    }
}
