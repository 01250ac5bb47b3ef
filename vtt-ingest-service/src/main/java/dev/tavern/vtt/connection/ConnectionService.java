package dev.tavern.vtt.connection;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.tavern.http.errors.ApiException;
import dev.tavern.http.security.Secrets;
import dev.tavern.vtt.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class ConnectionService {

    static final String API_KEY_PREFIX = "ta_";

    private final Pool pool;
    private final VttConnectionIdentityProvider keys;
    private final String insertSql;
    private final String listSql;
    private final String ownedSql;
    private final String lockSql;
    private final String changeSql;

    ConnectionService(Pool pool, VttConnectionIdentityProvider keys, @ConfigProperty(name = "quarkus.flyway.default-schema") String schema) {
        this.pool = pool;
        this.keys = keys;
        this.insertSql = "INSERT INTO " + schema + ".vtt_connection (" + VttConnection.COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)";
        this.listSql = "SELECT " + VttConnection.COLUMNS + " FROM " + schema + ".vtt_connection WHERE tenant_id = $1 ORDER BY created_at";
        this.ownedSql = "SELECT " + VttConnection.COLUMNS + " FROM " + schema + ".vtt_connection WHERE id = $1 AND tenant_id = $2";
        this.lockSql = ownedSql + " FOR UPDATE";
        this.changeSql = "UPDATE " + schema + ".vtt_connection SET api_key_hash = $2, status = $3 WHERE id = $1";
    }

    /** Creates a connection and answers its API key, the only time it is ever shown. */
    public Uni<ConnectionView> create(String tenantId, NewConnectionRequest request) {
        String apiKey = Secrets.generate(API_KEY_PREFIX);
        VttConnection connection = new VttConnection(UUID.randomUUID(), tenantId, request.name().strip(), request.provider().strip(),
                Secrets.hash(apiKey), ConnectionStatus.active, Rows.now(), null);
        return pool.preparedQuery(insertSql)
                .execute(Tuple.tuple().addUUID(connection.id()).addString(tenantId).addString(connection.name())
                        .addString(connection.provider()).addBuffer(Buffer.buffer(connection.apiKeyHash()))
                        .addString(connection.status().name()).addOffsetDateTime(Rows.timestamp(connection.createdAt())))
                .map(inserted -> ConnectionView.withKey(connection, apiKey));
    }

    public Uni<List<ConnectionView>> list(String tenantId) {
        return pool.preparedQuery(listSql).execute(Tuple.of(tenantId))
                .map(rows -> rows.stream().map(VttConnection::of).map(ConnectionView::of).toList());
    }

    public Uni<ConnectionView> get(String tenantId, UUID id) {
        return owned(pool, ownedSql, tenantId, id).map(ConnectionView::of);
    }

    /** A new API key; the old one stops working at once here, and on other replicas as soon as they hear of the change. */
    public Uni<ConnectionView> rotateKey(String tenantId, UUID id) {
        String apiKey = Secrets.generate(API_KEY_PREFIX);
        return changeKey(tenantId, id, connection -> {
            if (connection.status() == ConnectionStatus.revoked) {
                throw ApiException.conflict("A revoked connection gets no new key");
            }
            return connection.withKeyHash(Secrets.hash(apiKey));
        }).map(changed -> ConnectionView.withKey(changed, apiKey));
    }

    public Uni<ConnectionView> revoke(String tenantId, UUID id) {
        return changeKey(tenantId, id, VttConnection::revoked).map(ConnectionView::of);
    }

    /** Changes what the connection's key proves, then, once that is committed, drops the old key from this replica's cache. */
    private Uni<VttConnection> changeKey(String tenantId, UUID id, Function<VttConnection, VttConnection> change) {
        record Changed(byte[] oldKeyHash, VttConnection connection) {
        }
        return pool.withTransaction(transaction -> owned(transaction, lockSql, tenantId, id)
                        .map(connection -> new Changed(connection.apiKeyHash(), change.apply(connection)))
                        .call(changed -> transaction.preparedQuery(changeSql).execute(Tuple.tuple().addUUID(id)
                                .addBuffer(Buffer.buffer(changed.connection().apiKeyHash())).addString(changed.connection().status().name()))))
                .call(changed -> keys.forget(changed.oldKeyHash()))
                .map(Changed::connection);
    }

    /** A connection of this tenant; another tenant's is as unknown as a missing one. */
    private static Uni<VttConnection> owned(SqlClient client, String sql, String tenantId, UUID id) {
        return client.preparedQuery(sql).execute(Tuple.of(id, tenantId))
                .map(rows -> Rows.first(rows, VttConnection::of))
                .onItem().ifNull().failWith(() -> ApiException.notFound("VTT connection not found", "No VTT connection " + id));
    }
}
