package dev.tavern.vtt.campaign;

import java.util.UUID;

import io.vertx.mutiny.sqlclient.Row;

/** A character of a campaign, known by its VTT id; created on its first roll, assigned to at most one streamer. */
public record GameCharacter(UUID id, UUID campaignId, String vttCharacterId, String name, UUID streamerId) {

    /** The columns {@link #of} reads. */
    static final String COLUMNS = "id, campaign_id, vtt_character_id, name, streamer_id";

    static GameCharacter of(Row row) {
        return new GameCharacter(row.getUUID("id"), row.getUUID("campaign_id"), row.getString("vtt_character_id"),
                row.getString("name"), row.getUUID("streamer_id"));
    }
}
