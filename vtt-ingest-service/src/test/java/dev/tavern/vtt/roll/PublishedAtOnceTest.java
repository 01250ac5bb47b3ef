package dev.tavern.vtt.roll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicProbe;
import dev.tavern.vtt.IngestApi;
import dev.tavern.vtt.subscription.SubscriptionTokenService;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A roll, whose statement writes its own outbox row, and a revocation, whose transaction inserts its outbox rows,
 * both wake the relay when they commit: with its poll an hour apart, each is on its topic at once.
 */
@QuarkusTest
@TestProfile(PublishedAtOnceTest.PollingAnHourApart.class)
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class PublishedAtOnceTest {

    public static final class PollingAnHourApart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tavern.outbox.poll-interval", "1h");
        }
    }

    private static final Duration AT_ONCE = Duration.ofSeconds(10);

    @Test
    void aRollAndARevocationArePublishedWithoutWaitingForAPoll() {
        IngestApi vtt = IngestApi.tenantWithCampaign("world-at-once-" + UUID.randomUUID());
        String bootstrap = TavernInfrastructureResource.infrastructure().kafkaBootstrapServers();
        try (TopicProbe rolls = TopicProbe.from(bootstrap, DiceRollService.TOPIC);
             TopicProbe revocations = TopicProbe.from(bootstrap, SubscriptionTokenService.TOPIC)) {
            for (int i = 0; i < 3; i++) {
                String rollId = vtt.postRoll(vtt.normalRoll("at-once-" + i)).statusCode(200).extract().path("rollId");
                rolls.await(r -> r.value().contains(rollId), AT_ONCE);
            }

            String token = vtt.asAdmin().body("{\"channel\":\"campaign/" + vtt.campaignId + "/dice-rolls\"}")
                    .when().post("/api/subscription-tokens").then().statusCode(201).extract().path("id");
            vtt.asAdmin().when().post("/api/subscription-tokens/" + token + "/revoke").then().statusCode(200);
            assertThat(revocations.await(r -> r.key().equals(token), AT_ONCE).value()).contains(vtt.tenantId);
        }
    }
}
