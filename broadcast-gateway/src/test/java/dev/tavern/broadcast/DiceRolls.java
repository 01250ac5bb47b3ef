package dev.tavern.broadcast;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.common.utils.Utils;

import dev.tavern.infra.TavernInfrastructure;
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
        return publish(campaign, hidden, critical, critical ? "success" : null, characterStreamers, campaignStreamers, Map.of());
    }

    /** A roll whose record continues a trace, as the ingest service's traced relay writes it. */
    public UUID publishTraced(UUID campaign, String traceParent) {
        return publish(campaign, false, false, null, List.of(), List.of(), Map.of("traceparent", traceParent));
    }

    /** A critical of the given type (null: the VTT said it was critical, not which kind). */
    public UUID publishCritical(UUID campaign, String criticalType, List<UUID> streamers) {
        return publish(campaign, false, true, criticalType, streamers, streamers, Map.of());
    }

    private UUID publish(UUID campaign, boolean hidden, boolean critical, String criticalType, List<UUID> characterStreamers,
                         List<UUID> campaignStreamers, Map<String, String> headers) {
        UUID roll = UUID.randomUUID();
        String value = """
                {"id":"%s","tenantId":"default","campaignId":"%s","vttCampaignId":"foundry-world-123",
                 "characterId":"%s","vttCharacterId":"char-456","characterName":"Gimli","vttRollId":"%s",
                 "rollFormula":"1d20+5","result":%s,"diceResults":[%s,5],"isCritical":%s,"criticalType":%s,
                 "isHidden":%s,"rollType":"attack","metadata":null,"characterStreamerIds":%s,"campaignStreamerIds":%s,
                 "recordedAt":"%s"}
                """.formatted(roll, campaign, UUID.randomUUID(), "roll-" + roll, critical ? 25 : 18, critical ? 20 : 13, critical,
                criticalType == null ? "null" : "\"" + criticalType + "\"", hidden, json(characterStreamers), json(campaignStreamers), Instant.now());
        CONTRACT.assertValid(value);
        topic.send(TOPIC, campaign.toString(), UUID.randomUUID().toString(), "tavern.vtt.dice-roll.recorded", value, headers);
        return roll;
    }

    /** A record as it is, contract or not, as a faulty producer would write it. */
    public void publishRaw(UUID campaign, String value) {
        topic.send(TOPIC, campaign.toString(), "tavern.vtt.dice-roll.recorded", value);
    }

    /** Campaign ids whose records fall on every partition of the topic (Kafka's default partitioner on the key). */
    public static List<UUID> campaignsOverEveryPartition(int count) {
        List<UUID> campaigns = new ArrayList<>();
        Set<Integer> partitions = new HashSet<>();
        while (campaigns.size() < count) {
            UUID campaign = UUID.randomUUID();
            byte[] key = campaign.toString().getBytes(StandardCharsets.UTF_8);
            int partition = Utils.toPositive(Utils.murmur2(key)) % TavernInfrastructure.PARTITIONS;
            if (partitions.add(partition) || partitions.size() == TavernInfrastructure.PARTITIONS) {
                campaigns.add(campaign);
            }
        }
        return campaigns;
    }

    private static String json(List<UUID> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
    }
}
