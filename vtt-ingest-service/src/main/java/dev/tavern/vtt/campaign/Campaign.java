package dev.tavern.vtt.campaign;

import java.time.Instant;
import java.util.UUID;

import dev.tavern.vtt.Rows;
import io.vertx.mutiny.sqlclient.Row;

/** A Tavern campaign, linked to one VTT world of one connection. */
public record Campaign(UUID id, String tenantId, UUID connectionId, String vttCampaignId, String name, Instant createdAt) {

    /** The columns {@link #of} reads. */
    static final String COLUMNS = "id, tenant_id, connection_id, vtt_campaign_id, name, created_at";

    static Campaign of(Row row) {
        return new Campaign(row.getUUID("id"), row.getString("tenant_id"), row.getUUID("connection_id"),
                row.getString("vtt_campaign_id"), row.getString("name"), Rows.instant(row, "created_at"));
    }
}
