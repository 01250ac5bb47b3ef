package dev.tavern.broadcast;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.tavern.infra.contract.TopicContract;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicWriter;

/** Writes contract-valid dice-roll records, as the ingest service does; one writer per test JVM. */
public final class DiceRolls {

    public static final String TOPIC = "tavern.vtt.dice-rolls.v1";
    private static final TopicContract CONTRACT = TopicContract.of(TOPIC);
    private static DiceRolls shared;

    private final TopicWriter topic = new TopicWriter(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers());

    public static synchronized DiceRolls shared() {
        if (shared == null) {
            shared = new DiceRolls();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.topic::close));
        }
        return shared;
    }

    /** A Gimli roll of the campaign; the streamers are both the character's and the campaign's. */
    public UUID publish(UUID campaign, boolean hidden, boolean critical, List<UUID> streamers) {
        return publish(campaign, hidden, critical, streamers, streamers);
    }

    public UUID publish(UUID campaign, boolean hidden, boolean critical, List<UUID> characterStreamers, List<UUID> campaignStreamers) {
        UUID roll = UUID.randomUUID();
        String value = """
                {"id":"%s","tenantId":"default","campaignId":"%s","vttCampaignId":"foundry-world-123",
                 "characterId":"%s","vttCharacterId":"char-456","characterName":"Gimli","vttRollId":"%s",
                 "rollFormula":"1d20+5","result":%s,"diceResults":[%s,5],"isCritical":%s,"criticalType":%s,
                 "isHidden":%s,"rollType":"attack","metadata":null,"characterStreamerIds":%s,"campaignStreamerIds":%s,
                 "recordedAt":"%s"}
                """.formatted(roll, campaign, UUID.randomUUID(), "roll-" + roll, critical ? 25 : 18, critical ? 20 : 13, critical,
                critical ? "\"success\"" : "null", hidden, json(characterStreamers), json(campaignStreamers), Instant.now());
        CONTRACT.assertValid(value);
        topic.send(TOPIC, campaign.toString(), "tavern.vtt.dice-roll.recorded", value);
        return roll;
    }

    private static String json(List<UUID> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
    }
}
