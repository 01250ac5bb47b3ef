package dev.tavern.vtt.streamer;

import java.time.Instant;
import java.util.UUID;

import dev.tavern.vtt.Rows;
import io.vertx.mutiny.sqlclient.Row;

/** Someone who streams the game: their overlay shows the rolls of the characters assigned to them. */
public record Streamer(UUID id, String tenantId, String displayName, Instant createdAt) {

    /** The columns {@link #of} reads. */
    static final String COLUMNS = "id, tenant_id, display_name, created_at";

    static Streamer of(Row row) {
        return new Streamer(row.getUUID("id"), row.getString("tenant_id"), row.getString("display_name"), Rows.instant(row, "created_at"));
    }
}
