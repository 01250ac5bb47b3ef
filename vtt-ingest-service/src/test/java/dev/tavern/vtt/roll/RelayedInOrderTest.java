package dev.tavern.vtt.roll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicProbe;
import dev.tavern.vtt.IngestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Rolls recorded while the broker has not yet acknowledged earlier ones (the relay's producer lingering 200 ms), for
 * two campaigns, posted one after another: each reaches the topic once, in the order its campaign's rolls were posted,
 * and every one of their outbox rows ends marked sent.
 */
@QuarkusTest
@TestProfile(RelayedInOrderTest.LingeringProducer.class)
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class RelayedInOrderTest {

    public static final class LingeringProducer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Only commits wake the relay, and each batch waits a while for the broker.
            return Map.of("tavern.outbox.poll-interval", "1h", "tavern.outbox-producer.linger.ms", "200");
        }
    }

    private static final int ROLLS_PER_CAMPAIGN = 12;
    private static final Duration PUBLISHED_WITHIN = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Test
    void rollsRecordedWhileEarlierOnesAwaitTheBrokerGoOutOnceEachInTheirOrder() {
        String run = UUID.randomUUID().toString();
        IngestApi moria = IngestApi.tenantWithCampaign("world-moria-" + run);
        IngestApi erebor = IngestApi.tenantWithCampaign("world-erebor-" + run);
        List<String> moriaRolls = new ArrayList<>();
        List<String> ereborRolls = new ArrayList<>();
        try (TopicProbe topic = TopicProbe.from(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers(),
                DiceRollService.TOPIC)) {
            for (int i = 0; i < ROLLS_PER_CAMPAIGN; i++) {
                moriaRolls.add(post(moria, "relayed-" + run + "-moria-" + i));
                ereborRolls.add(post(erebor, "relayed-" + run + "-erebor-" + i));
            }

            topic.awaitAll(record -> record.value().contains("relayed-" + run), 2 * ROLLS_PER_CAMPAIGN, PUBLISHED_WITHIN);
            assertThat(vttRollIds(topic.matching(record -> record.value().contains("relayed-" + run + "-moria-"))))
                    .containsExactlyElementsOf(moriaRolls);
            assertThat(vttRollIds(topic.matching(record -> record.value().contains("relayed-" + run + "-erebor-"))))
                    .containsExactlyElementsOf(ereborRolls);
        }
        await().atMost(PUBLISHED_WITHIN).untilAsserted(() -> assertThat(unsent("relayed-" + run)).isZero());
    }

    private static String post(IngestApi vtt, String rollId) {
        vtt.postRoll(vtt.normalRoll(rollId)).statusCode(200);
        return rollId;
    }

    private static List<String> vttRollIds(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(record -> {
            try {
                return JSON.readTree(record.value()).path("vttRollId").asText();
            } catch (JsonProcessingException e) {
                throw new AssertionError("A record that is not JSON: " + record.value(), e);
            }
        }).toList();
    }

    private long unsent(String rollIdPrefix) {
        return pool.preparedQuery("SELECT count(*) FROM vtt_ingest.outbox_message WHERE sent_at IS NULL AND payload LIKE $1")
                .execute(Tuple.of("%" + rollIdPrefix + "%"))
                .map(rows -> rows.iterator().next().getLong(0))
                .await().atMost(Duration.ofSeconds(10));
    }
}
