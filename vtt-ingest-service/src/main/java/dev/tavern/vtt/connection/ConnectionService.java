package dev.tavern.vtt.connection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.http.errors.ApiException;
import dev.tavern.http.security.Secrets;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ConnectionService {

    static final String API_KEY_PREFIX = "ta_";

    private final VttConnectionIdentityProvider keys;

    ConnectionService(VttConnectionIdentityProvider keys) {
        this.keys = keys;
    }

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

    /** A new API key; the old one stops working at once here, and on other replicas as soon as their cache lets go of it. */
    public Uni<ConnectionView> rotateKey(String tenantId, UUID id) {
        return changeKey(tenantId, id, connection -> {
            if (connection.status == ConnectionStatus.revoked) {
                throw ApiException.conflict("A revoked connection gets no new key");
            }
            String apiKey = Secrets.generate(API_KEY_PREFIX);
            connection.apiKeyHash = Secrets.hash(apiKey);
            return ConnectionView.withKey(connection, apiKey);
        });
    }

    public Uni<ConnectionView> revoke(String tenantId, UUID id) {
        return changeKey(tenantId, id, connection -> {
            connection.status = ConnectionStatus.revoked;
            return ConnectionView.of(connection);
        });
    }

    /** Changes what the connection's key proves, then, once that is committed, drops the old key from this replica's cache. */
    private Uni<ConnectionView> changeKey(String tenantId, UUID id, Function<VttConnection, ConnectionView> change) {
        record Changed(byte[] oldKeyHash, ConnectionView view) {
        }
        return Panache.withTransaction(() -> owned(tenantId, id)
                        .map(connection -> new Changed(connection.apiKeyHash, change.apply(connection))))
                .call(changed -> keys.forget(changed.oldKeyHash()))
                .map(Changed::view);
    }

    /** A connection of this tenant; another tenant's is as unknown as a missing one. */
    public static Uni<VttConnection> owned(String tenantId, UUID id) {
        return VttConnection.<VttConnection>find("id = ?1 and tenantId = ?2", id, tenantId).firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("VTT connection not found", "No VTT connection " + id));
    }
}
