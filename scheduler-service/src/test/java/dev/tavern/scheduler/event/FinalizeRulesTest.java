package dev.tavern.scheduler.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tavern.infra.contract.TopicContract;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicProbe;
import dev.tavern.scheduler.SchedulerApi;
import dev.tavern.scheduler.SchedulerApi.Created;
import dev.tavern.scheduler.topic.SchedulingEvents;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The finalize rules through the API and onto the topic, case by case. */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class FinalizeRulesTest {

    private static final TopicContract CONTRACT = TopicContract.of(SchedulingEvents.TOPIC);
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

    /** Voters answer in the order written: "Ann:YES Bob:MAYBE" means Ann answered first. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no max: every YES plays                  | 2 |   | Ann:YES Bob:YES Cid:YES Dee:MAYBE        | Ann Bob Cid     | Dee
            YES beyond max wait before MAYBE         | 1 | 2 | Ann:MAYBE Bob:YES Cid:YES Dee:YES        | Bob Cid         | Dee Ann
            YES below min filled by earliest MAYBE   | 3 | 5 | Ann:MAYBE Bob:YES Cid:MAYBE Dee:MAYBE    | Bob Ann Cid     | Dee
            not enough even with MAYBE               | 5 |   | Ann:YES Bob:MAYBE                        | Ann Bob         |
            NO voters are neither                    | 1 | 1 | Ann:NO Bob:YES Cid:NO Dee:MAYBE          | Bob             | Dee
            """)
    void finalizingSeatsAndQueuesByTheRules(String caseName, int min, Integer max, String answers, String attendees, String waitlist) {
        Created event = api.createWithSlots(caseName, min, max, 1, null);
        long slot = api.slotIds(event.slug()).get(0);
        for (String answer : answers.split(" ")) {
            String[] nameAndAnswer = answer.split(":");
            api.join(event.slug(), nameAndAnswer[0], Map.of(slot, nameAndAnswer[1]));
        }

        api.finalizeAt(event, slot, "Table 4").statusCode(200);

        JsonNode record = CONTRACT.assertValid(topic.await(r -> r.key().equals(Long.toString(event.id()))
                && r.value().contains("\"FINALIZED\""), Duration.ofSeconds(20)).value());
        assertThat(record.get("attendees")).extracting(JsonNode::asText).containsExactlyElementsOf(names(attendees));
        assertThat(record.get("waitlist")).extracting(JsonNode::asText).containsExactlyElementsOf(names(waitlist));
    }

    @Test
    void aNewLocationIsAnnouncedAsAnUpdate() {
        Created event = api.createWithSlots("Moving", 1, null, 1, null);
        long slot = api.slotIds(event.slug()).get(0);
        api.join(event.slug(), "Ann", Map.of(slot, "YES"));
        api.finalizeAt(event, slot, "Old tavern").statusCode(200);

        api.asHost(event, "PUT", "/location", Map.of("location", "New tavern")).statusCode(200)
                .body("finalized.location", equalTo("New tavern"));

        JsonNode updated = CONTRACT.assertValid(topic.await(r -> r.key().equals(Long.toString(event.id()))
                && r.value().contains("\"UPDATED\""), Duration.ofSeconds(20)).value());
        assertThat(updated.get("location").asText()).isEqualTo("New tavern");
        assertThat(updated.get("attendees")).extracting(JsonNode::asText).containsExactly("Ann");
    }

    @Test
    void anEventTakesAtMostAThousandParticipants() {
        Created event = api.createWithSlots("Crowded", 1, null, 1, null);
        long slot = api.slotIds(event.slug()).get(0);
        for (int i = 0; i < EventLimits.MAX_PARTICIPANTS; i++) {
            api.vote(event.slug(), null, "Player " + i, Map.of(slot, "YES")).statusCode(200);
        }

        api.vote(event.slug(), null, "One too many", Map.of(slot, "YES")).statusCode(409)
                .body("message", equalTo("The event is full: at most 1000 participants"));
    }

    private static List<String> names(String list) {
        return list == null || list.isBlank() ? List.of() : Arrays.asList(list.strip().split(" "));
    }
}
