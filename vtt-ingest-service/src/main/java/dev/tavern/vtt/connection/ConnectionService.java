package dev.tavern.vtt.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.http.errors.ApiException;
import dev.tavern.http.security.Secrets;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ConnectionService {

    static final String API_KEY_PREFIX = "ta_";
    /** lastSeenAt is kept to the minute: one write per connection per minute at most. */
    private static final Duration LAST_SEEN_RESOLUTION = Duration.ofMinutes(1);

    /** Creates a connection and answers its API key, the only time it is ever shown. */
    @WithTransaction
    public Uni<ConnectionView> create(String tenantId, NewConnectionRequest request) {
        String apiKey = Secrets.generate(API_KEY_PREFIX);
        VttConnection connection = new VttConnection();
        connection.id = UUID.randomUUID();
        connection.tenantId = tenantId;
        connection.name = request.name().strip();
        connection.provider = request.provider().strip();
        connection.apiKeyHash = Secrets.hash(apiKey);
        connection.status = ConnectionStatus.active;
        connection.createdAt = Instant.now();
        return connection.persist().map(saved -> ConnectionView.withKey(connection, apiKey));
    }

    @WithSession
    public Uni<List<ConnectionView>> list(String tenantId) {
        return VttConnection.<VttConnection>list("tenantId = ?1 order by createdAt", tenantId)
                .map(connections -> connections.stream().map(ConnectionView::of).toList());
    }

    @WithSession
    public Uni<ConnectionView> get(String tenantId, UUID id) {
        return owned(tenantId, id).map(ConnectionView::of);
    }

    /** A new API key; the old one stops working at once. */
    @WithTransaction
    public Uni<ConnectionView> rotateKey(String tenantId, UUID id) {
        return owned(tenantId, id).map(connection -> {
            if (connection.status == ConnectionStatus.revoked) {
                throw ApiException.conflict("A revoked connection gets no new key");
            }
            String apiKey = Secrets.generate(API_KEY_PREFIX);
            connection.apiKeyHash = Secrets.hash(apiKey);
            return ConnectionView.withKey(connection, apiKey);
        });
    }

    @WithTransaction
    public Uni<ConnectionView> revoke(String tenantId, UUID id) {
        return owned(tenantId, id).map(connection -> {
            connection.status = ConnectionStatus.revoked;
            return ConnectionView.of(connection);
        });
    }

    /** A connection of this tenant; another tenant's is as unknown as a missing one. */
    public static Uni<VttConnection> owned(String tenantId, UUID id) {
        return VttConnection.<VttConnection>find("id = ?1 and tenantId = ?2", id, tenantId).firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("VTT connection not found", "No VTT connection " + id));
    }

    /**
     * The active connection a {@code ta_...} API key proves, or null for an unknown or revoked key. Keys are looked up
     * by hash and compared in constant time; lastSeenAt follows, to the minute.
     */
    @WithTransaction
    public Uni<VttConnection> authenticate(String apiKey) {
        return VttConnection.<VttConnection>find("apiKeyHash", Secrets.hash(apiKey)).firstResult()
                .map(connection -> {
                    if (connection == null || connection.status != ConnectionStatus.active
                            || !Secrets.matches(apiKey, connection.apiKeyHash)) {
                        return null;
                    }
                    Instant now = Instant.now();
                    if (connection.lastSeenAt == null || connection.lastSeenAt.isBefore(now.minus(LAST_SEEN_RESOLUTION))) {
                        connection.lastSeenAt = now;
                    }
                    return connection;
                });
    }
}
