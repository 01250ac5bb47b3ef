package dev.tavern.vtt.campaign;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.tavern.vtt.Rows;
import dev.tavern.vtt.cache.ChangeNotices;
import dev.tavern.vtt.cache.CoherentCache;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CompositeCacheKey;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * The campaigns and characters dice rolls name, read through the reactive client and kept in {@link CoherentCache}s for
 * {@code quarkus.cache.caffeine."vtt-campaigns"/"vtt-characters".expire-after-write} (1 minute): a table costs one
 * lookup per minute, and a change made on any replica (a streamer assigned to a character) is in force on every
 * replica as soon as it is heard (within {@code tavern.ingest.directory.max-staleness} at most).
 */
@ApplicationScoped
public class CampaignDirectory {

    /** A campaign as a roll needs it: whom its rolls are routed to besides the character's own streamer. */
    public record KnownCampaign(UUID id, String tenantId, String vttCampaignId, List<UUID> streamerIds) {
    }

    /** A character as a roll needs it. */
    public record KnownCharacter(UUID id, UUID streamerId) {
    }

    private final Pool pool;
    private final CoherentCache<KnownCampaign> campaigns;
    private final CoherentCache<KnownCharacter> characters;
    private final String campaignSql;
    private final String characterSql;

    CampaignDirectory(Pool pool, @CacheName("vtt-campaigns") Cache campaigns, @CacheName("vtt-characters") Cache characters,
                      ChangeNotices changes, @ConfigProperty(name = "quarkus.flyway.default-schema") String schema) {
        this.pool = pool;
        this.campaigns = new CoherentCache<>(campaigns, changes);
        this.characters = new CoherentCache<>(characters, changes);
        this.campaignSql = """
                SELECT c.id, c.tenant_id, c.vtt_campaign_id,
                       ARRAY(SELECT DISTINCT ch.streamer_id FROM %1$s.game_character ch
                             WHERE ch.campaign_id = c.id AND ch.streamer_id IS NOT NULL ORDER BY 1) AS streamer_ids
                FROM %1$s.campaign c WHERE c.connection_id = $1 AND c.vtt_campaign_id = $2""".formatted(schema);
        this.characterSql = "SELECT id, streamer_id FROM " + schema + ".game_character WHERE campaign_id = $1 AND vtt_character_id = $2";
    }

    /** The connection's campaign for this VTT world, or null when it has none (which is not remembered). */
    public Future<KnownCampaign> campaign(UUID connectionId, String vttCampaignId) {
        return campaigns.get(new CompositeCacheKey(connectionId, vttCampaignId),
                () -> pool.preparedQuery(campaignSql).execute(Tuple.of(connectionId, vttCampaignId))
                        .map(rows -> Rows.first(rows, CampaignDirectory::toCampaign)));
    }

    /** The campaign's character with this VTT id, or null before its first roll. */
    public Future<KnownCharacter> character(UUID campaignId, String vttCharacterId) {
        return characters.get(new CompositeCacheKey(campaignId, vttCharacterId), () -> loadCharacter(campaignId, vttCharacterId));
    }

    /** Read again, past the cache: another request or replica has just created it. */
    public Future<KnownCharacter> reloadCharacter(UUID campaignId, String vttCharacterId) {
        return characters.read(new CompositeCacheKey(campaignId, vttCharacterId), () -> loadCharacter(campaignId, vttCharacterId));
    }

    private Future<KnownCharacter> loadCharacter(UUID campaignId, String vttCharacterId) {
        return pool.preparedQuery(characterSql).execute(Tuple.of(campaignId, vttCharacterId))
                .map(rows -> Rows.first(rows, row -> new KnownCharacter(row.getUUID("id"), row.getUUID("streamer_id"))));
    }

    private static KnownCampaign toCampaign(Row row) {
        return new KnownCampaign(row.getUUID("id"), row.getString("tenant_id"), row.getString("vtt_campaign_id"),
                List.copyOf(Arrays.asList(row.getArrayOfUUIDs("streamer_ids"))));
    }
}
