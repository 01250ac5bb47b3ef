package dev.tavern.vtt.subscription;

import java.time.Instant;
import java.util.UUID;

import dev.tavern.vtt.Rows;
import io.vertx.mutiny.sqlclient.Row;

/** A subscription token that was issued: its id is the token's {@code jti}. */
public record IssuedToken(UUID id, String tenantId, String channel, Instant issuedAt, Instant expiresAt, Instant revokedAt) {

    /** The columns {@link #of} reads. */
    static final String COLUMNS = "id, tenant_id, channel, issued_at, expires_at, revoked_at";

    static IssuedToken of(Row row) {
        return new IssuedToken(row.getUUID("id"), row.getString("tenant_id"), row.getString("channel"), Rows.instant(row, "issued_at"),
                Rows.instant(row, "expires_at"), Rows.instant(row, "revoked_at"));
    }
}
