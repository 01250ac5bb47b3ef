package dev.tavern.scheduler.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicProbe;
import dev.tavern.scheduler.SchedulerApi;
import dev.tavern.scheduler.SchedulerApi.Created;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The relay runs when a transaction that wrote records commits, not only when it polls: with the poll an hour apart,
 * every change is still on the topic at once. (Nothing NOTIFYs any more: the wake-up is the service's own.)
 */
@QuarkusTest
@TestProfile(RelayAfterCommitTest.PollingAnHourApart.class)
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class RelayAfterCommitTest {

    public static final class PollingAnHourApart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tavern.outbox.poll-interval", "1h");
        }
    }

    private final SchedulerApi api = SchedulerApi.defaultTenant();
    private TopicProbe topic;

    @BeforeEach
    void openTopic() {
        topic = TopicProbe.from(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers(), SchedulingEvents.TOPIC);
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    @Test
    void everyCommittedChangeIsPublishedWithoutWaitingForAPoll() {
        Created event = api.createWithSlots("Wake-up", 1, 1, 1, null);
        String key = Long.toString(event.id());
        topic.await(r -> r.key().equals(key) && r.value().contains("\"CREATED\""), Duration.ofSeconds(10));

        api.finalizeAt(event, api.slotIds(event.slug()).get(0), "The Prancing Pony").statusCode(200);
        topic.await(r -> r.key().equals(key) && r.value().contains("\"FINALIZED\""), Duration.ofSeconds(10));

        api.asHost(event, "POST", "/cancel", null).statusCode(200);
        topic.await(r -> r.key().equals(key) && r.value().contains("\"CANCELLED\""), Duration.ofSeconds(10));
        assertThat(topic.matching(r -> r.key().equals(key))).hasSize(3);
    }
}
