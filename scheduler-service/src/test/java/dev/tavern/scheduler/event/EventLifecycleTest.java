package dev.tavern.scheduler.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tavern.infra.contract.TopicContract;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicProbe;
import dev.tavern.scheduler.SchedulerApi;
import dev.tavern.scheduler.SchedulerApi.Created;
import dev.tavern.scheduler.SchedulerApi.Voter;
import dev.tavern.scheduler.topic.SchedulingEvents;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Voting, finalizing, leaving and cancelling, through the API, with the records each change puts on the topic. */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class EventLifecycleTest {

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

    @Test
    void reSavingAnUnchangedAnswerKeepsItsPlaceWhileAChangedOneGoesToTheBack() {
        Created event = api.createWithSlots("Order", 1, 1, 1, null);
        long slot = api.slotIds(event.slug()).get(0);
        Voter ann = api.join(event.slug(), "Ann", Map.of(slot, "YES"));
        Voter bob = api.join(event.slug(), "Bob", Map.of(slot, "YES"));

        api.vote(event.slug(), ann.token(), "Ann", Map.of(slot, "YES")).statusCode(200);
        hostView(event).body("previews." + slot + ".attendees", contains("Ann"));

        api.vote(event.slug(), ann.token(), "Ann", Map.of(slot, "NO")).statusCode(200);
        api.vote(event.slug(), ann.token(), "Ann", Map.of(slot, "YES")).statusCode(200);
        hostView(event)
                .body("previews." + slot + ".attendees", contains("Bob"))
                .body("previews." + slot + ".waitlist", contains("Ann"));
        assertThat(bob.token()).isNotEqualTo(ann.token());
    }

    @Test
    void aTakenNameNeedsItsParticipantTokenAndAStrangersTokenIsRefused() {
        Created event = api.createWithSlots("Names", 1, null, 1, null);
        long slot = api.slotIds(event.slug()).get(0);
        api.join(event.slug(), "Leeroy", Map.of(slot, "YES"));

        api.vote(event.slug(), null, "leeroy", Map.of(slot, "NO")).statusCode(409);
        api.vote(event.slug(), "not-a-token", "Jaina", Map.of(slot, "NO")).statusCode(403);
    }

    @Test
    void finalizingAnnouncesAttendeesWaitlistSlotAndLocation() {
        Created event = api.createWithSlots("Raid Night", 2, 3, 2, "https://api.myguild.com/events/callback");
        List<Long> slots = api.slotIds(event.slug());
        long chosen = slots.get(1);
        api.join(event.slug(), "Maybe1", Map.of(chosen, "MAYBE"));
        api.join(event.slug(), "Leeroy", Map.of(chosen, "YES", slots.get(0), "NO"));
        api.join(event.slug(), "Jaina", Map.of(chosen, "YES"));
        api.join(event.slug(), "Nope", Map.of(chosen, "NO"));
        api.join(event.slug(), "Thrall", Map.of(chosen, "YES"));
        api.join(event.slug(), "Uther", Map.of(chosen, "YES"));

        api.finalizeAt(event, chosen, "Blackrock Depths").statusCode(200)
                .body("status", equalTo("FINALIZED"))
                .body("finalized.attendees", contains("Leeroy", "Jaina", "Thrall"))
                .body("finalized.waitlist", contains("Uther", "Maybe1"))
                .body("finalized.location", equalTo("Blackrock Depths"));

        JsonNode finalized = record(event, "FINALIZED");
        assertThat(finalized.get("finalizedSlot").get("id").asLong()).isEqualTo(chosen);
        assertThat(finalized.get("finalizedSlot").get("startTime").asText()).isEqualTo("2027-03-02T18:00:00Z");
        assertThat(finalized.get("attendees")).extracting(JsonNode::asText).containsExactly("Leeroy", "Jaina", "Thrall");
        assertThat(finalized.get("waitlist")).extracting(JsonNode::asText).containsExactly("Uther", "Maybe1");
        assertThat(finalized.get("location").asText()).isEqualTo("Blackrock Depths");
        assertThat(finalized.get("fromUrlId").isNull()).isTrue();
    }

    @Test
    void aWithdrawalAfterFinalizationPromotesTheHeadOfTheWaitlistAndIsAnnounced() {
        Created event = api.createWithSlots("Promotion", 1, 2, 1, null);
        long slot = api.slotIds(event.slug()).get(0);
        Voter ann = api.join(event.slug(), "Ann", Map.of(slot, "YES"));
        api.join(event.slug(), "Bob", Map.of(slot, "YES"));
        api.join(event.slug(), "Cid", Map.of(slot, "YES"));
        api.finalizeAt(event, slot, "Cellar").statusCode(200);

        api.withdraw(event.slug(), ann.token()).statusCode(204);

        api.request().when().get("/api/events/" + event.slug()).then().statusCode(200)
                .body("finalized.attendees", contains("Bob", "Cid"))
                .body("finalized.waitlist", org.hamcrest.Matchers.empty());
        JsonNode updated = record(event, "UPDATED");
        assertThat(updated.get("attendees")).extracting(JsonNode::asText).containsExactly("Bob", "Cid");
        assertThat(updated.get("status").asText()).isEqualTo("FINALIZED");
    }

    @Test
    void theHostRemovingAnAttendeeAlsoPromotes() {
        Created event = api.createWithSlots("Removal", 1, 1, 1, null);
        long slot = api.slotIds(event.slug()).get(0);
        Voter ann = api.join(event.slug(), "Ann", Map.of(slot, "YES"));
        api.join(event.slug(), "Bob", Map.of(slot, "MAYBE"));
        api.finalizeAt(event, slot, null).statusCode(200);

        api.asHost(event, "DELETE", "/participants/" + ann.participantId(), null).statusCode(200)
                .body("finalized.attendees", contains("Bob"));
        assertThat(record(event, "UPDATED").get("attendees")).extracting(JsonNode::asText).containsExactly("Bob");
    }

    @Test
    void cancellingFromVotingAndFromFinalizedIsAnnouncedAndOnlyOnce() {
        Created voting = api.createWithSlots("Cancel while voting", 1, null, 1, null);
        api.asHost(voting, "POST", "/cancel", null).statusCode(200).body("status", equalTo("CANCELLED"));
        api.asHost(voting, "POST", "/cancel", null).statusCode(409);
        assertThat(record(voting, "CANCELLED").get("status").asText()).isEqualTo("CANCELLED");

        Created finalized = api.createWithSlots("Cancel when finalized", 1, null, 1, null);
        long slot = api.slotIds(finalized.slug()).get(0);
        api.finalizeAt(finalized, slot, "Here").statusCode(200);
        api.asHost(finalized, "POST", "/cancel", null).statusCode(200).body("status", equalTo("CANCELLED"));
        record(finalized, "CANCELLED");
    }

    @Test
    void stateConflictsAre409() {
        Created event = api.createWithSlots("Conflicts", 1, null, 1, null);
        Created other = api.createWithSlots("Other", 1, null, 1, null);
        long slot = api.slotIds(event.slug()).get(0);
        long otherSlot = api.slotIds(other.slug()).get(0);

        api.vote(event.slug(), null, "Ann", Map.of(otherSlot, "YES")).statusCode(409);
        api.finalizeAt(event, otherSlot, null).statusCode(409);
        api.finalizeAt(event, slot, null).statusCode(200);
        api.finalizeAt(event, slot, null).statusCode(409);
        api.vote(event.slug(), null, "Late", Map.of(slot, "YES")).statusCode(409);
        api.asHost(event, "POST", "/slots", Map.of("start", "2027-05-01T10:00:00Z", "end", "2027-05-01T12:00:00Z")).statusCode(409);
        api.asHost(event, "POST", "/cancel", null).statusCode(200);
        api.vote(event.slug(), null, "Later", Map.of(slot, "YES")).statusCode(409);
        api.asHost(event, "PUT", "/location", Map.of("location", "Elsewhere")).statusCode(409);
    }

    @Test
    void hostRoutesNeedTheRightTokenAndUnknownEventsAreNotFound() {
        Created event = api.createWithSlots("Guarded", 1, null, 1, null);

        api.request().when().post("/api/events/" + event.slug() + "/cancel").then().statusCode(401)
                .body("error", equalTo("Host token required"));
        api.request().header("X-Host-Token", "wrong").when().post("/api/events/" + event.slug() + "/cancel").then()
                .statusCode(403).body("error", equalTo("Wrong host token"));
        api.request().header("X-Host-Token", event.hostToken()).when().get("/api/events/no-such-event/host").then()
                .statusCode(404).body("error", equalTo("Event not found"));
        api.request().when().get("/api/events/" + event.slug()).then().statusCode(200).body("status", equalTo("VOTING"));
    }

    @Test
    void slotsCanBeAddedMovedAndRemovedWhileVotingAndMovingClearsTheirAnswers() {
        Created event = api.createWithSlots("Slots", 1, null, 1, null);
        long first = api.slotIds(event.slug()).get(0);
        api.join(event.slug(), "Ann", Map.of(first, "YES"));

        api.asHost(event, "POST", "/slots", Map.of("start", "2027-04-01T18:00:00Z", "end", "2027-04-01T20:00:00Z"))
                .statusCode(200).body("slots.size()", equalTo(2));
        api.asHost(event, "PUT", "/slots/" + first, Map.of("start", "2027-02-01T18:00:00Z", "end", "2027-02-01T20:00:00Z"))
                .statusCode(200)
                .body("slots[0].start", equalTo("2027-02-01T18:00:00Z"))
                .body("slots[0].tally.yes", equalTo(0))
                .body("participants[0].answers", not(hasKey(Long.toString(first))));
        long second = api.slotIds(event.slug()).get(1);
        api.asHost(event, "DELETE", "/slots/" + second, null).statusCode(200).body("slots.size()", equalTo(1));
        api.asHost(event, "DELETE", "/slots/999999999", null).statusCode(404);
    }

    @Test
    void thePublicViewShowsNamesAndAnswersButNoToken() {
        Created event = api.createWithSlots("Public", 1, null, 1, "https://api.myguild.com/cb");
        long slot = api.slotIds(event.slug()).get(0);
        Voter ann = api.join(event.slug(), "Ann", Map.of(slot, "MAYBE"));

        String body = api.request().when().get("/api/events/" + event.slug()).then().statusCode(200)
                .body("participants[0].name", equalTo("Ann"))
                .body("participants[0].answers." + slot, equalTo("MAYBE"))
                .body("slots[0].tally.maybe", equalTo(1))
                .body("finalized", nullValue())
                .extract().asString();
        assertThat(body).doesNotContain(ann.token(), event.hostToken(), "api.myguild.com", "tokenHash");
    }

    private io.restassured.response.ValidatableResponse hostView(Created event) {
        return api.request().header("X-Host-Token", event.hostToken()).when().get("/api/events/" + event.slug() + "/host").then()
                .statusCode(200);
    }

    private JsonNode record(Created event, String type) {
        ConsumerRecord<String, String> record = topic.await(
                r -> r.key().equals(Long.toString(event.id())) && r.value().contains("\"type\":\"" + type + "\""), Duration.ofSeconds(20));
        return CONTRACT.assertValid(record.value());
    }
}
