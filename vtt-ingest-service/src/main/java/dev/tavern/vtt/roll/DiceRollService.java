package dev.tavern.vtt.roll;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.http.errors.ApiException;
import dev.tavern.http.errors.SqlStates;
import dev.tavern.http.ratelimit.FixedWindows;
import dev.tavern.http.ratelimit.FixedWindows.Counting;
import dev.tavern.http.ratelimit.RateLimitWindow;
import dev.tavern.outbox.Outbox;
import dev.tavern.outbox.OutboxRecord;
import dev.tavern.vtt.Rows;
import dev.tavern.vtt.campaign.CampaignDirectory;
import dev.tavern.vtt.campaign.CampaignDirectory.KnownCampaign;
import dev.tavern.vtt.campaign.CampaignDirectory.KnownCharacter;
import dev.tavern.vtt.connection.ActiveConnection;
import io.vertx.core.Future;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.data.Numeric;

/**
 * Records dice rolls once per (campaign, rollId) and announces each new one on the dice-rolls topic.
 *
 * <p>This is the hot path, so it runs on the reactive client, with no ORM session, and a roll of a known character in
 * a known campaign is one statement, one round trip: it counts the key's rate limit, inserts the roll unless the
 * window is used up or the rollId was recorded, writes the roll's outbox record, and creates or renames the character
 * only when the roll is new. A repeated rollId answers the first recording and writes nothing else.
 */
@ApplicationScoped
public class DiceRollService {

    public static final String TOPIC = "tavern.vtt.dice-rolls.v1";
    static final String RECORDED_TYPE = "tavern.vtt.dice-roll.recorded";
    /** The key's limit ({@code tavern.rate-limits.dice-roll}), counted by the statement that records the roll. */
    static final String LIMIT = "dice-roll";

    private final Pool pool;
    private final CampaignDirectory directory;
    private final FixedWindows windows;
    private final Outbox outbox;
    private final ObjectMapper objectMapper;
    private final String recordSql;
    private final String firstRecordingSql;

    DiceRollService(Pool pool, CampaignDirectory directory, FixedWindows windows, Outbox outbox, ObjectMapper objectMapper,
                    @ConfigProperty(name = "quarkus.flyway.default-schema") String schema) {
        this.pool = pool;
        this.directory = directory;
        this.windows = windows;
        this.outbox = outbox;
        this.objectMapper = objectMapper;
        this.recordSql = ("WITH " + FixedWindows.COUNTING + """
                ,
                existing AS (SELECT id FROM %1$s.dice_roll WHERE campaign_id = $5::uuid AND vtt_roll_id = $11::text),
                roll AS (INSERT INTO %1$s.dice_roll (id, campaign_id, character_id, vtt_roll_id, roll_formula, result, dice_results,
                                                    is_critical, critical_type, is_hidden, roll_type, metadata, recorded_at)
                         SELECT $10::uuid, $5::uuid, $6::uuid, $11::text, $12::text, $13::numeric, $14::text,
                                $15::boolean, $16::text, $17::boolean, $18::text, $19::text, $20::timestamptz
                         FROM counted WHERE counted.requests <= $4::int AND NOT EXISTS (SELECT 1 FROM existing)
                         ON CONFLICT (campaign_id, vtt_roll_id) DO NOTHING
                         RETURNING id),
                new_character AS (INSERT INTO %1$s.game_character (id, campaign_id, vtt_character_id, name)
                                  SELECT $6::uuid, $5::uuid, $7::text, $8::text FROM roll WHERE $9::boolean
                                  ON CONFLICT (campaign_id, vtt_character_id) DO NOTHING),
                renamed AS (UPDATE %1$s.game_character SET name = $8::text
                            WHERE id = $6::uuid AND NOT $9::boolean AND name IS DISTINCT FROM $8::text AND EXISTS (SELECT 1 FROM roll)),
                announced AS (INSERT INTO %1$s.outbox_message (""" + OutboxRecord.COLUMNS + ") SELECT " + OutboxRecord.values(21) + """
                 FROM roll)
                SELECT (SELECT requests FROM counted) AS requests, (SELECT id FROM roll) AS recorded, (SELECT id FROM existing) AS existing""")
                .formatted(schema);
        this.firstRecordingSql = "SELECT id FROM " + schema + ".dice_roll WHERE campaign_id = $1 AND vtt_roll_id = $2";
    }

    /**
     * Validates the body, then records it. Every answer, 4xx included, counts against the key's limit: a failure
     * carries the window's headers, and a used-up window answers 429 first.
     */
    public Future<RecordedRoll> record(ActiveConnection connection, String body) {
        Counting counting = windows.counting(LIMIT, connection.id().toString());
        DiceRollRequest roll;
        try {
            roll = DiceRollValidator.validate(objectMapper, body);
        } catch (ApiException invalid) {
            return refuse(counting, invalid);
        }
        return directory.campaign(connection.id(), roll.campaignId())
                .compose(campaign -> campaign == null
                        ? refuse(counting, ApiException.notFound("Campaign not found", "No campaign found for VTT campaign ID: " + roll.campaignId()))
                        : directory.character(campaign.id(), roll.characterId())
                                .compose(character -> insert(counting, campaign, character, roll))
                                // The character the cache knew of is not (yet) the row another request created: read it.
                                .recover(failure -> SqlStates.isForeignKeyViolation(failure)
                                        ? directory.reloadCharacter(campaign.id(), roll.characterId())
                                                .compose(character -> insert(counting, campaign, character, roll))
                                        : Future.failedFuture(failure)));
    }

    /** Counts the refused request, then refuses it with its window's headers. */
    private Future<RecordedRoll> refuse(Counting counting, ApiException refusal) {
        return windows.countRequest(counting)
                .compose(window -> Future.failedFuture(refusal.withHeaders(window.admitted().headers())));
    }

    private Future<RecordedRoll> insert(Counting counting, KnownCampaign campaign, KnownCharacter known, DiceRollRequest roll) {
        KnownCharacter character = known != null ? known : new KnownCharacter(UUID.randomUUID(), null);
        UUID id = UUID.randomUUID();
        // Milliseconds, like the API document's timestamps.
        Instant recordedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OutboxRecord record = outbox.prepare(TOPIC, campaign.id().toString(), RECORDED_TYPE,
                announcement(id, campaign, character, roll, recordedAt));
        Tuple parameters = counting.parameters()
                .addInteger(counting.limit())
                .addUUID(campaign.id())
                .addUUID(character.id())
                .addString(roll.characterId())
                .addString(roll.characterName())
                .addBoolean(known == null)
                .addUUID(id)
                .addString(roll.rollId())
                .addString(roll.rollFormula())
                .addValue(Numeric.create(roll.result()))
                .addString(toJson(roll.diceResults()))
                .addBoolean(roll.critical())
                .addString(roll.criticalType())
                .addBoolean(roll.hidden())
                .addString(roll.rollType())
                .addString(roll.metadata() == null ? null : toJson(roll.metadata()))
                .addOffsetDateTime(Rows.timestamp(recordedAt));
        return pool.preparedQuery(recordSql).execute(record.addTo(parameters).getDelegate())
                .compose(rows -> {
                    Row row = rows.iterator().next();
                    RateLimitWindow window = counting.window(row.getInteger("requests")).admitted();
                    if (row.getUUID("recorded") != null) {
                        outbox.committed();
                        return Future.succeededFuture(new RecordedRoll(id, false, window));
                    }
                    if (row.getUUID("existing") != null) {
                        return Future.succeededFuture(new RecordedRoll(row.getUUID("existing"), true, window));
                    }
                    // A concurrent request recorded this rollId after this statement began: answer its id.
                    return pool.preparedQuery(firstRecordingSql).execute(Tuple.of(campaign.id(), roll.rollId()).getDelegate())
                            .map(winner -> new RecordedRoll(winner.iterator().next().getUUID("id"), true, window));
                });
    }

    /** The record carries whom the gateway routes to: the character's streamer and every streamer of the campaign. */
    private static DiceRollMessage announcement(UUID id, KnownCampaign campaign, KnownCharacter character, DiceRollRequest roll,
                                                Instant recordedAt) {
        List<UUID> characterStreamers = character.streamerId() == null ? List.of() : List.of(character.streamerId());
        return new DiceRollMessage(id, campaign.tenantId(), campaign.id(), campaign.vttCampaignId(), character.id(),
                roll.characterId(), roll.characterName(), roll.rollId(), roll.rollFormula(), roll.result(), roll.diceResults(),
                roll.critical(), roll.criticalType(), roll.hidden(), roll.rollType(), roll.metadata(), characterStreamers,
                campaign.streamerIds(), recordedAt);
    }

    private String toJson(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not serializable as JSON", e);
        }
    }
}
