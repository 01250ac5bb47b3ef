package dev.tavern.vtt.roll;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.outbox.Outbox;
import dev.tavern.http.errors.ApiException;
import dev.tavern.vtt.campaign.Campaign;
import dev.tavern.vtt.campaign.GameCharacter;
import dev.tavern.vtt.connection.VttConnection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Records dice rolls once per (campaign, rollId) and announces each new one on the dice-rolls topic. */
@ApplicationScoped
public class DiceRollService {

    public static final String TOPIC = "tavern.vtt.dice-rolls.v1";
    static final String RECORDED_TYPE = "tavern.vtt.dice-roll.recorded";

    private final Outbox outbox;
    private final ObjectMapper objectMapper;

    DiceRollService(Outbox outbox, ObjectMapper objectMapper) {
        this.outbox = outbox;
        this.objectMapper = objectMapper;
    }

    /**
     * A roll whose rollId the campaign has seen answers the first recording and writes nothing: not the character, not
     * the roll, not the outbox. A concurrent duplicate that loses the race on the unique constraint rolls its whole
     * transaction back (so its character write is undone too) and then answers the winner's id.
     */
    public Uni<RecordedRoll> record(VttConnection connection, DiceRollRequest roll) {
        return Panache.withTransaction(() -> Campaign.<Campaign>find("connectionId = ?1 and vttCampaignId = ?2",
                                connection.id, roll.campaignId()).firstResult()
                        .onItem().ifNull().failWith(() -> ApiException.notFound("Campaign not found",
                                "No campaign found for VTT campaign ID: " + roll.campaignId()))
                        .flatMap(campaign -> firstRecording(campaign.id, roll)
                                .onItem().ifNull().switchTo(() -> characterOf(campaign, roll)
                                        .flatMap(character -> insertOnce(campaign, character, roll)))))
                .onFailure(LostRace.class).recoverWithUni(race ->
                        Panache.withSession(() -> firstRecording(((LostRace) race).campaignId, roll)));
    }

    /**
     * Unknown characters are created on first sight; a known one is written only when the VTT sends a new name. Read
     * first: an upsert would lock the character's row until commit even when it changes nothing (PostgreSQL locks the
     * conflicting row for ON CONFLICT DO UPDATE whatever its WHERE says), so rolls of one character would queue.
     */
    private Uni<GameCharacter> characterOf(Campaign campaign, DiceRollRequest roll) {
        return findCharacter(campaign, roll).flatMap(known -> {
            if (known == null) {
                return insertCharacter(campaign, roll).flatMap(inserted -> findCharacter(campaign, roll));
            }
            if (!Objects.equals(known.name, roll.characterName())) {
                // Managed: written at commit.
                known.name = roll.characterName();
            }
            return Uni.createFrom().item(known);
        });
    }

    private static Uni<GameCharacter> findCharacter(Campaign campaign, DiceRollRequest roll) {
        return GameCharacter.<GameCharacter>find("campaignId = ?1 and vttCharacterId = ?2", campaign.id, roll.characterId()).firstResult();
    }

    /** A concurrent first sight of the same character inserts nothing: both then read the one row. */
    private static Uni<Integer> insertCharacter(Campaign campaign, DiceRollRequest roll) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        INSERT INTO {h-schema}game_character (id, campaign_id, vtt_character_id, name)
                        VALUES (:id, :campaignId, :vttCharacterId, :name)
                        ON CONFLICT (campaign_id, vtt_character_id) DO NOTHING""")
                .setParameter("id", UUID.randomUUID())
                .setParameter("campaignId", campaign.id)
                .setParameter("vttCharacterId", roll.characterId())
                .setParameter("name", roll.characterName())
                .executeUpdate());
    }

    /** The unique constraint decides between concurrent duplicates; the loser answers the winner's id. */
    private Uni<RecordedRoll> insertOnce(Campaign campaign, GameCharacter character, DiceRollRequest roll) {
        UUID id = UUID.randomUUID();
        // Milliseconds, like the API document's timestamps.
        Instant recordedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        INSERT INTO {h-schema}dice_roll (id, campaign_id, character_id, vtt_roll_id, roll_formula, result,
                                               dice_results, is_critical, critical_type, is_hidden, roll_type, metadata, recorded_at)
                        VALUES (:id, :campaignId, :characterId, :vttRollId, :rollFormula, :result,
                                :diceResults, :isCritical, :criticalType, :isHidden, :rollType, :metadata, :recordedAt)
                        ON CONFLICT (campaign_id, vtt_roll_id) DO NOTHING""")
                        .setParameter("id", id)
                        .setParameter("campaignId", campaign.id)
                        .setParameter("characterId", character.id)
                        .setParameter("vttRollId", roll.rollId())
                        .setParameter("rollFormula", roll.rollFormula())
                        .setParameter("result", roll.result())
                        .setParameter("diceResults", toJson(roll.diceResults()))
                        .setParameter("isCritical", roll.critical())
                        .setParameter("criticalType", roll.criticalType())
                        .setParameter("isHidden", roll.hidden())
                        .setParameter("rollType", roll.rollType())
                        .setParameter("metadata", roll.metadata() == null ? null : toJson(roll.metadata()))
                        .setParameter("recordedAt", recordedAt)
                        .executeUpdate())
                .flatMap(inserted -> inserted == 1
                        ? announce(id, campaign, character, roll, recordedAt).replaceWith(new RecordedRoll(id, false))
                        : Uni.createFrom().failure(new LostRace(campaign.id)));
    }

    /** The first recording of this rollId in the campaign, or null when there is none. */
    private Uni<RecordedRoll> firstRecording(UUID campaignId, DiceRollRequest roll) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT id FROM {h-schema}dice_roll WHERE campaign_id = :campaignId AND vtt_roll_id = :vttRollId", UUID.class)
                .setParameter("campaignId", campaignId)
                .setParameter("vttRollId", roll.rollId())
                .getResultList())
                .map(existing -> existing.isEmpty() ? null : new RecordedRoll(existing.get(0), true));
    }

    /** A concurrent request recorded the same rollId first: this one's transaction is rolled back. */
    private static final class LostRace extends RuntimeException {

        final UUID campaignId;

        LostRace(UUID campaignId) {
            super(null, null, false, false);
            this.campaignId = campaignId;
        }
    }

    /** The record carries whom the gateway routes to: the character's streamer and every streamer of the campaign. */
    private Uni<UUID> announce(UUID id, Campaign campaign, GameCharacter character, DiceRollRequest roll, Instant recordedAt) {
        return GameCharacter.<GameCharacter>list("campaignId = ?1 and streamerId is not null", campaign.id)
                .flatMap(assigned -> {
                    List<UUID> campaignStreamers = assigned.stream().map(c -> c.streamerId).distinct().sorted().toList();
                    List<UUID> characterStreamers = character.streamerId == null ? List.of() : List.of(character.streamerId);
                    DiceRollMessage message = new DiceRollMessage(id, campaign.tenantId, campaign.id, campaign.vttCampaignId,
                            character.id, character.vttCharacterId, character.name, roll.rollId(), roll.rollFormula(), roll.result(),
                            roll.diceResults(), roll.critical(), roll.criticalType(), roll.hidden(), roll.rollType(), roll.metadata(),
                            characterStreamers, campaignStreamers, recordedAt);
                    return outbox.enqueue(TOPIC, campaign.id.toString(), RECORDED_TYPE, message);
                });
    }

    private String toJson(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not serializable as JSON", e);
        }
    }
}
