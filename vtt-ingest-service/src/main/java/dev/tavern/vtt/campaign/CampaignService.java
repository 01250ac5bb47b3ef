package dev.tavern.vtt.campaign;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.tavern.http.errors.ApiException;
import dev.tavern.http.errors.SqlStates;
import dev.tavern.vtt.Rows;
import dev.tavern.vtt.campaign.CampaignViews.CampaignView;
import dev.tavern.vtt.campaign.CampaignViews.CharacterView;
import dev.tavern.vtt.campaign.CampaignViews.NewCampaign;
import dev.tavern.vtt.campaign.CampaignViews.NewCharacter;
import dev.tavern.vtt.campaign.CampaignViews.RecentRolls;
import dev.tavern.vtt.campaign.CampaignViews.RollView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Campaigns, their characters and who streams each, within one tenant. */
@ApplicationScoped
public class CampaignService {

    private final Pool pool;
    private final String createSql;
    private final String listSql;
    private final String ownedSql;
    private final String charactersSql;
    private final String addCharacterSql;
    private final String characterSql;
    private final String assignSql;
    private final String unassignSql;
    private final String recentRollsSql;

    CampaignService(Pool pool, @ConfigProperty(name = "quarkus.flyway.default-schema") String schema) {
        this.pool = pool;
        // The connection must be the tenant's: the insert selects it, so another tenant's inserts nothing.
        this.createSql = """
                INSERT INTO %1$s.campaign (%2$s)
                SELECT $1::uuid, tenant_id, id, $4::text, $5::text, $6::timestamptz FROM %1$s.vtt_connection
                WHERE id = $3 AND tenant_id = $2""".formatted(schema, Campaign.COLUMNS);
        this.listSql = "SELECT " + Campaign.COLUMNS + " FROM " + schema + ".campaign WHERE tenant_id = $1 ORDER BY created_at";
        this.ownedSql = "SELECT " + Campaign.COLUMNS + " FROM " + schema + ".campaign WHERE id = $1 AND tenant_id = $2";
        this.charactersSql = "SELECT " + GameCharacter.COLUMNS + " FROM " + schema + ".game_character WHERE campaign_id = $1 ORDER BY name";
        this.addCharacterSql = "INSERT INTO " + schema + ".game_character (id, campaign_id, vtt_character_id, name) VALUES ($1, $2, $3, $4)";
        this.characterSql = "SELECT " + GameCharacter.COLUMNS + " FROM " + schema + ".game_character WHERE id = $1 AND campaign_id = $2";
        // The streamer must be the tenant's: the update joins it, so another tenant's updates nothing.
        this.assignSql = """
                UPDATE %1$s.game_character ch SET streamer_id = s.id FROM %1$s.streamer s
                WHERE ch.id = $1 AND s.id = $2 AND s.tenant_id = $3 RETURNING ch.*""".formatted(schema);
        this.unassignSql = "UPDATE " + schema + ".game_character SET streamer_id = NULL WHERE id = $1 RETURNING " + GameCharacter.COLUMNS;
        this.recentRollsSql = """
                SELECT r.id, r.vtt_roll_id, c.name, r.roll_formula, r.result, r.dice_results, r.is_critical,
                       r.critical_type, r.is_hidden, r.roll_type, r.recorded_at
                FROM %1$s.dice_roll r JOIN %1$s.game_character c ON c.id = r.character_id
                WHERE r.campaign_id = $1 ORDER BY r.recorded_at DESC LIMIT $2""".formatted(schema);
    }

    /** A VTT world id is unique per connection (a constraint decides between concurrent requests). */
    public Uni<CampaignView> create(String tenantId, NewCampaign request) {
        Campaign campaign = new Campaign(UUID.randomUUID(), tenantId, request.connectionId(), request.vttCampaignId().strip(),
                request.name().strip(), Rows.now());
        return pool.preparedQuery(createSql)
                .execute(Tuple.of(campaign.id(), tenantId, campaign.connectionId(), campaign.vttCampaignId(), campaign.name(),
                        Rows.timestamp(campaign.createdAt())))
                .onFailure(SqlStates::isUniqueViolation).transform(e -> ApiException.conflict(
                        "This VTT connection already has a campaign for VTT campaign ID " + request.vttCampaignId()))
                .map(inserted -> {
                    if (inserted.rowCount() == 0) {
                        throw ApiException.invalid("connectionId", "No such VTT connection");
                    }
                    return CampaignView.of(campaign);
                });
    }

    public Uni<List<CampaignView>> list(String tenantId) {
        return pool.preparedQuery(listSql).execute(Tuple.of(tenantId))
                .map(rows -> rows.stream().map(Campaign::of).map(CampaignView::of).toList());
    }

    public Uni<CampaignView> get(String tenantId, UUID id) {
        return owned(tenantId, id).map(CampaignView::of);
    }

    public Uni<List<CharacterView>> characters(String tenantId, UUID campaignId) {
        return owned(tenantId, campaignId)
                .chain(campaign -> pool.preparedQuery(charactersSql).execute(Tuple.of(campaign.id())))
                .map(rows -> rows.stream().map(GameCharacter::of).map(CharacterView::of).toList());
    }

    public Uni<CharacterView> addCharacter(String tenantId, UUID campaignId, NewCharacter request) {
        return owned(tenantId, campaignId)
                .map(campaign -> new GameCharacter(UUID.randomUUID(), campaign.id(), request.vttCharacterId().strip(),
                        request.name().strip(), null))
                .call(character -> pool.preparedQuery(addCharacterSql)
                        .execute(Tuple.of(character.id(), character.campaignId(), character.vttCharacterId(), character.name())))
                .onFailure(SqlStates::isUniqueViolation).transform(e -> ApiException.conflict(
                        "The campaign already has a character with VTT character ID " + request.vttCharacterId()))
                .map(CharacterView::of);
    }

    /** One streamer per character: assigning replaces whoever streamed it before. */
    public Uni<CharacterView> assign(String tenantId, UUID campaignId, UUID characterId, UUID streamerId) {
        return character(tenantId, campaignId, characterId)
                .chain(character -> pool.preparedQuery(assignSql).execute(Tuple.of(character.id(), streamerId, tenantId)))
                .map(rows -> Rows.first(rows, GameCharacter::of))
                .onItem().ifNull().failWith(() -> ApiException.invalid("streamerId", "No such streamer"))
                .map(CharacterView::of);
    }

    public Uni<CharacterView> unassign(String tenantId, UUID campaignId, UUID characterId) {
        return character(tenantId, campaignId, characterId)
                .chain(character -> pool.preparedQuery(unassignSql).execute(Tuple.of(character.id())))
                .map(rows -> Rows.first(rows, GameCharacter::of))
                .onItem().ifNull().failWith(() -> characterNotFound(characterId))
                .map(CharacterView::of);
    }

    /** The campaign's latest rolls, newest first; hidden ones are flagged, not left out. */
    public Uni<RecentRolls> recentRolls(String tenantId, UUID campaignId, int limit) {
        return owned(tenantId, campaignId)
                .chain(campaign -> pool.preparedQuery(recentRollsSql).execute(Tuple.of(campaign.id(), limit)))
                .map(rows -> new RecentRolls(campaignId, rows.stream().map(CampaignService::rollOf).toList()));
    }

    private static RollView rollOf(Row row) {
        return new RollView(row.getUUID("id"), row.getString("vtt_roll_id"), row.getString("name"), row.getString("roll_formula"),
                row.getBigDecimal("result"), row.getString("dice_results"), row.getBoolean("is_critical"),
                row.getString("critical_type"), row.getBoolean("is_hidden"), row.getString("roll_type"),
                Rows.instant(row, "recorded_at"));
    }

    /** A campaign of this tenant; another tenant's is as unknown as a missing one. */
    public Uni<Campaign> owned(String tenantId, UUID id) {
        return pool.preparedQuery(ownedSql).execute(Tuple.of(id, tenantId))
                .map(rows -> Rows.first(rows, Campaign::of))
                .onItem().ifNull().failWith(() -> ApiException.notFound("Campaign not found", "No campaign " + id));
    }

    private Uni<GameCharacter> character(String tenantId, UUID campaignId, UUID characterId) {
        return owned(tenantId, campaignId)
                .chain(campaign -> pool.preparedQuery(characterSql).execute(Tuple.of(characterId, campaign.id())))
                .map(rows -> Rows.first(rows, GameCharacter::of))
                .onItem().ifNull().failWith(() -> characterNotFound(characterId));
    }

    private static ApiException characterNotFound(UUID characterId) {
        return ApiException.notFound("Character not found", "No character " + characterId + " in this campaign");
    }
}
