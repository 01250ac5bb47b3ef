package dev.tavern.vtt.connection;

import java.time.Instant;
import java.util.UUID;

import dev.tavern.vtt.Rows;
import io.vertx.mutiny.sqlclient.Row;

/** A row of {@code vtt_connection}: the key only as its hash. */
public record VttConnection(UUID id, String tenantId, String name, String provider, byte[] apiKeyHash, ConnectionStatus status,
                            Instant createdAt, Instant lastSeenAt) {

    /** The columns {@link #of} reads. */
    static final String COLUMNS = "id, tenant_id, name, provider, api_key_hash, status, created_at, last_seen_at";

    static VttConnection of(Row row) {
        return new VttConnection(row.getUUID("id"), row.getString("tenant_id"), row.getString("name"), row.getString("provider"),
                row.getBuffer("api_key_hash").getBytes(), ConnectionStatus.valueOf(row.getString("status")),
                Rows.instant(row, "created_at"), Rows.instant(row, "last_seen_at"));
    }

    VttConnection withKeyHash(byte[] hash) {
        return new VttConnection(id, tenantId, name, provider, hash, status, createdAt, lastSeenAt);
    }

    VttConnection revoked() {
        return new VttConnection(id, tenantId, name, provider, apiKeyHash, ConnectionStatus.revoked, createdAt, lastSeenAt);
    }
}
