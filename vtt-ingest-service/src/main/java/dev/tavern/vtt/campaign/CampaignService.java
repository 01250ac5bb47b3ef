package dev.tavern.vtt.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.http.errors.ApiException;
import dev.tavern.http.errors.SqlStates;
import dev.tavern.vtt.campaign.CampaignViews.CampaignView;
import dev.tavern.vtt.campaign.CampaignViews.CharacterView;
import dev.tavern.vtt.campaign.CampaignViews.NewCampaign;
import dev.tavern.vtt.campaign.CampaignViews.NewCharacter;
import dev.tavern.vtt.campaign.CampaignViews.RecentRolls;
import dev.tavern.vtt.campaign.CampaignViews.RollView;
import dev.tavern.vtt.connection.ConnectionService;
import dev.tavern.vtt.streamer.Streamer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Campaigns, their characters and who streams each, within one tenant. */
@ApplicationScoped
public class CampaignService {

    /** A VTT world id is unique per connection (a constraint decides between concurrent requests). */
    @WithTransaction
    public Uni<CampaignView> create(String tenantId, NewCampaign request) {
        return ConnectionService.owned(tenantId, request.connectionId())
                .onFailure(ApiException.class).transform(e -> ApiException.invalid("connectionId", "No such VTT connection"))
                .flatMap(connection -> {
                    Campaign campaign = new Campaign();
                    campaign.id = UUID.randomUUID();
                    campaign.tenantId = tenantId;
                    campaign.connectionId = connection.id;
                    campaign.vttCampaignId = request.vttCampaignId().strip();
                    campaign.name = request.name().strip();
                    campaign.createdAt = Instant.now();
                    return campaign.<Campaign>persistAndFlush();
                })
                .onFailure(SqlStates::isUniqueViolation).transform(e -> ApiException.conflict(
                        "This VTT connection already has a campaign for VTT campaign ID " + request.vttCampaignId()))
                .map(CampaignView::of);
    }

    @WithSession
    public Uni<List<CampaignView>> list(String tenantId) {
        return Campaign.<Campaign>list("tenantId = ?1 order by createdAt", tenantId)
                .map(campaigns -> campaigns.stream().map(CampaignView::of).toList());
    }

    @WithSession
    public Uni<CampaignView> get(String tenantId, UUID id) {
        return owned(tenantId, id).map(CampaignView::of);
    }

    @WithSession
    public Uni<List<CharacterView>> characters(String tenantId, UUID campaignId) {
        return owned(tenantId, campaignId)
                .flatMap(campaign -> GameCharacter.<GameCharacter>list("campaignId = ?1 order by name", campaign.id))
                .map(characters -> characters.stream().map(CharacterView::of).toList());
    }

    @WithTransaction
    public Uni<CharacterView> addCharacter(String tenantId, UUID campaignId, NewCharacter request) {
        return owned(tenantId, campaignId)
                .flatMap(campaign -> {
                    GameCharacter character = new GameCharacter();
                    character.id = UUID.randomUUID();
                    character.campaignId = campaign.id;
                    character.vttCharacterId = request.vttCharacterId().strip();
                    character.name = request.name().strip();
                    return character.<GameCharacter>persistAndFlush();
                })
                .onFailure(SqlStates::isUniqueViolation).transform(e -> ApiException.conflict(
                        "The campaign already has a character with VTT character ID " + request.vttCharacterId()))
                .map(CharacterView::of);
    }

    /** One streamer per character: assigning replaces whoever streamed it before. */
    @WithTransaction
    public Uni<CharacterView> assign(String tenantId, UUID campaignId, UUID characterId, UUID streamerId) {
        return character(tenantId, campaignId, characterId)
                .flatMap(character -> Streamer.<Streamer>find("id = ?1 and tenantId = ?2", streamerId, tenantId).firstResult()
                        .onItem().ifNull().failWith(() -> ApiException.invalid("streamerId", "No such streamer"))
                        .map(streamer -> {
                            character.streamerId = streamer.id;
                            return CharacterView.of(character);
                        }));
    }

    @WithTransaction
    public Uni<CharacterView> unassign(String tenantId, UUID campaignId, UUID characterId) {
        return character(tenantId, campaignId, characterId).map(character -> {
            character.streamerId = null;
            return CharacterView.of(character);
        });
    }

    /** The campaign's latest rolls, newest first; hidden ones are flagged, not left out. */
    @WithSession
    public Uni<RecentRolls> recentRolls(String tenantId, UUID campaignId, int limit) {
        return owned(tenantId, campaignId)
                .flatMap(campaign -> Panache.getSession().flatMap(session -> session.createNativeQuery("""
                                SELECT r.id, r.vtt_roll_id, c.name, r.roll_formula, r.result, r.dice_results, r.is_critical,
                                       r.critical_type, r.is_hidden, r.roll_type, r.recorded_at
                                FROM {h-schema}dice_roll r JOIN {h-schema}game_character c ON c.id = r.character_id
                                WHERE r.campaign_id = :campaignId ORDER BY r.recorded_at DESC LIMIT :limit""", Object[].class)
                        .setParameter("campaignId", campaign.id)
                        .setParameter("limit", limit)
                        .getResultList()))
                .map(rows -> new RecentRolls(campaignId, rows.stream().map(CampaignService::rollOf).toList()));
    }

    private static RollView rollOf(Object[] row) {
        return new RollView((UUID) row[0], (String) row[1], (String) row[2], (String) row[3], (BigDecimal) row[4],
                (String) row[5], (Boolean) row[6], (String) row[7], (Boolean) row[8], (String) row[9], toInstant(row[10]));
    }

    private static Instant toInstant(Object value) {
        return value instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) value;
    }

    public static Uni<Campaign> owned(String tenantId, UUID id) {
        return Campaign.<Campaign>find("id = ?1 and tenantId = ?2", id, tenantId).firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("Campaign not found", "No campaign " + id));
    }

    private static Uni<GameCharacter> character(String tenantId, UUID campaignId, UUID characterId) {
        return owned(tenantId, campaignId)
                .flatMap(campaign -> GameCharacter.<GameCharacter>find("id = ?1 and campaignId = ?2", characterId, campaign.id)
                        .<GameCharacter>firstResult())
                .onItem().ifNull().failWith(() -> ApiException.notFound("Character not found", "No character " + characterId + " in this campaign"));
    }
}
