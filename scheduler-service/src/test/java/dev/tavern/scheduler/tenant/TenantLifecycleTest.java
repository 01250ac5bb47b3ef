package dev.tavern.scheduler.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.tavern.http.security.Secrets;
import dev.tavern.infra.contract.TopicContract;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicProbe;
import dev.tavern.scheduler.OperatorApi;
import dev.tavern.scheduler.SchedulerApi;
import dev.tavern.scheduler.SchedulerApi.Created;
import dev.tavern.scheduler.topic.TenantEvents;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * The operator onboards a community in one call, then changes, suspends, resumes, re-keys and deletes it: what its
 * hostnames serve after each step, and the one record each change puts on {@code tavern.tenants.v1}.
 */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class TenantLifecycleTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Test
    void everyChangeIsServedAtOnceAndPublishedOnce() {
        String id = OperatorApi.uniqueId("guild");
        String hostname = id + ".tavern.test";
        String neighbour = OperatorApi.uniqueId("neighbour");
        OperatorApi.create(neighbour, neighbour + ".tavern.test").statusCode(201);
        SchedulerApi community = new SchedulerApi(hostname);
        SchedulerApi neighbourhood = new SchedulerApi(neighbour + ".tavern.test");

        try (TenantRecords records = new TenantRecords(id)) {
            // Onboarding: the admin key is in this answer only.
            ExtractableResponse<Response> created = OperatorApi.create(id, "Гильдия", "https://" + hostname, List.of(hostname))
                    .statusCode(201).header("Location", endsWith("/api/operator/tenants/" + id))
                    .body("status", equalTo("ACTIVE")).body("hostnames", equalTo(List.of(hostname)))
                    .body("hasAdminKey", equalTo(true)).body("revision", equalTo(1))
                    .extract();
            String adminKey = created.path("adminKey");
            assertThat(adminKey).startsWith("tadm_").hasSizeGreaterThan(40);
            OperatorApi.get(id).statusCode(200).body("$", not(hasKey("adminKey"))).body("name", equalTo("Гильдия"));
            OperatorApi.request().when().get(OperatorApi.TENANTS).then().statusCode(200)
                    .body("adminKey", everyItem(nullValue()))
                    .body("find { it.id == '" + id + "' }.status", equalTo("ACTIVE"));
            JsonNode onboarded = records.revision(1);
            assertThat(onboarded.get("name").asText()).isEqualTo("Гильдия");
            assertThat(onboarded.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(onboarded.get("hostnames")).containsExactly(text(hostname));
            assertThat(onboarded.get("publicBaseUrl").asText()).isEqualTo("https://" + hostname);
            assertThat(onboarded.get("adminKeyHash").asText()).isEqualTo(Secrets.hashHex(adminKey));
            assertThat(onboarded.get("changedAt").asText()).isEqualTo(created.path("changedAt"));

            Created event = community.createWithSlots("Moria night", 1, null, 1, null);
            long slot = community.slotIds(event.slug()).get(0);
            Created elsewhere = neighbourhood.createWithSlots("Next door", 1, null, 1, null);
            long slotNextDoor = neighbourhood.slotIds(elsewhere.slug()).get(0);

            // Update: hostnames are matched and published lower-case, sorted; links follow the new base URL.
            OperatorApi.update(id, "ギルド", "https://www." + hostname + "/tavern", List.of("WWW." + hostname.toUpperCase(), hostname))
                    .statusCode(200).body("name", equalTo("ギルド")).body("hostnames", equalTo(List.of(hostname, "www." + hostname)))
                    .body("revision", equalTo(2)).body("$", not(hasKey("adminKey")));
            JsonNode updated = records.revision(2);
            assertThat(updated.get("name").asText()).isEqualTo("ギルド");
            assertThat(updated.get("hostnames")).containsExactly(text(hostname), text("www." + hostname));
            assertThat(updated.get("adminKeyHash").asText()).isEqualTo(Secrets.hashHex(adminKey));
            new SchedulerApi("www." + hostname).request().when().get("/api/events/" + event.slug()).then().statusCode(200)
                    .body("link", equalTo("https://www." + hostname + "/tavern/e/" + event.slug()));

            // Suspended: its hosts refuse every route, API and page, whatever the request; other hosts carry on.
            OperatorApi.act(id, "suspend").statusCode(200).body("status", equalTo("SUSPENDED")).body("revision", equalTo(3));
            assertThat(records.revision(3).get("status").asText()).isEqualTo("SUSPENDED");
            Stream.of(
                    community.request().when().get("/api/events/" + event.slug()).then(),
                    community.create("{\"title\":\"Sneaking in\",\"slots\":[]}"),
                    community.create("{\"title\":\"\"}"),
                    community.vote(event.slug(), null, "Ann", Map.of(slot, "YES")),
                    community.asHost(event, "POST", "/cancel", null),
                    community.request().when().post("/api/events/" + event.slug() + "/cancel").then(),
                    new SchedulerApi("www." + hostname).request().when().get("/api/events/" + event.slug()).then())
                    .forEach(refused -> refused.statusCode(403).contentType("application/json").body("error", equalTo("Community suspended")));
            Stream.of("/e/" + event.slug(), "/e/" + event.slug() + "/host?token=" + event.hostToken(), "/new?title=Sneaking+in")
                    .forEach(page -> community.request().redirects().follow(false).when().get(page).then()
                            .statusCode(403).contentType(startsWith("text/html"))
                            .body(containsString("Community suspended")).body(not(containsString("Moria night"))));
            community.request().redirects().follow(false).contentType(ContentType.URLENC).formParam("title", "Sneaking in")
                    .when().post("/new").then().statusCode(403).contentType(startsWith("text/html")).body(containsString("Community suspended"));
            neighbourhood.request().when().get("/api/events/" + elsewhere.slug()).then().statusCode(200);
            neighbourhood.vote(elsewhere.slug(), null, "Ann", Map.of(slotNextDoor, "YES")).statusCode(200);
            SchedulerApi.defaultTenant().createWithSlots("Default tenant, unaffected", 1, null, 1, null);
            SchedulerApi.defaultTenant().request().when().get("/new").then().statusCode(200);

            // Resumed: served again, as it was.
            OperatorApi.act(id, "resume").statusCode(200).body("status", equalTo("ACTIVE")).body("revision", equalTo(4));
            assertThat(records.revision(4).get("status").asText()).isEqualTo("ACTIVE");
            community.request().when().get("/api/events/" + event.slug()).then().statusCode(200).body("title", equalTo("Moria night"));
            community.request().when().get("/e/" + event.slug()).then().statusCode(200).body(containsString("Moria night"));

            // A new admin key: shown once, and only its hash travels.
            String newKey = OperatorApi.act(id, "admin-key").statusCode(200).body("revision", equalTo(5)).extract().path("adminKey");
            assertThat(newKey).startsWith("tadm_").isNotEqualTo(adminKey);
            assertThat(records.revision(5).get("adminKeyHash").asText()).isEqualTo(Secrets.hashHex(newKey));
            OperatorApi.get(id).statusCode(200).body("$", not(hasKey("adminKey"))).body("hasAdminKey", equalTo(true));

            // Deleted: no hostnames, no key; its former hosts serve the default tenant, where its events are not.
            OperatorApi.delete(id).statusCode(204);
            OperatorApi.get(id).statusCode(200).body("status", equalTo("DELETED")).body("hostnames", empty())
                    .body("hasAdminKey", equalTo(false)).body("revision", equalTo(6));
            JsonNode deleted = records.revision(6);
            assertThat(deleted.get("status").asText()).isEqualTo("DELETED");
            assertThat(deleted.get("hostnames")).isEmpty();
            assertThat(deleted.get("adminKeyHash").isNull()).isTrue();
            community.request().when().get("/api/events/" + event.slug()).then().statusCode(404);
            community.request().when().get("/new").then().statusCode(200);

            // Its hostname is free for another tenant; its id is not, and it takes no more changes.
            OperatorApi.create(OperatorApi.uniqueId("heir"), hostname).statusCode(201);
            OperatorApi.create(id, OperatorApi.uniqueId("again") + ".tavern.test").statusCode(409)
                    .body("message", equalTo("Tenant " + id + " exists (deleted: a tenant's id is never reused)"));
            OperatorApi.update(id, "Back", "https://" + hostname, List.of()).statusCode(409).body("message", equalTo("Tenant " + id + " is deleted"));
            Stream.of("suspend", "resume", "admin-key").forEach(action -> OperatorApi.act(id, action).statusCode(409));
            OperatorApi.delete(id).statusCode(409);
            assertThat(records.all()).as("refused changes publish nothing").hasSize(6);
        }
    }

    @Test
    void concurrentCreationsOfOneIdMakeOneTenantAndOneRecord() {
        String id = OperatorApi.uniqueId("rush");
        List<CompletableFuture<ExtractableResponse<Response>>> attempts = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> OperatorApi.create(id, "Rush " + i, "https://" + id + ".tavern.test",
                        List.of(id + "-" + i + ".tavern.test")).extract()))
                .toList();
        List<ExtractableResponse<Response>> answers = attempts.stream().map(CompletableFuture::join).toList();

        assertThat(answers).extracting(ExtractableResponse::statusCode).containsOnly(201, 409);
        List<ExtractableResponse<Response>> winners = answers.stream().filter(answer -> answer.statusCode() == 201).toList();
        assertThat(winners).hasSize(1);
        ExtractableResponse<Response> winner = winners.get(0);
        OperatorApi.get(id).statusCode(200).body("name", equalTo(winner.path("name")));
        // A change after the race: its record follows any the race made, on the key's one partition.
        OperatorApi.act(id, "suspend").statusCode(200);
        try (TenantRecords records = new TenantRecords(id)) {
            records.revision(2);
            JsonNode created = records.all().get(0);
            assertThat(created.get("name").asText()).isEqualTo(winner.<String>path("name"));
            assertThat(created.get("hostnames")).containsExactly(text(winner.<List<String>>path("hostnames").get(0)));
            assertThat(created.get("adminKeyHash").asText()).isEqualTo(Secrets.hashHex(winner.path("adminKey")));
        }
    }

    @Test
    void aCommunityAtEveryLimitInAnyScriptIsServedAndPublishedWithinTheContract() {
        String id = (OperatorApi.uniqueId("limits") + "-").concat("x".repeat(63)).substring(0, 63);
        String name = "Гильдия・ギルド・".repeat(20).substring(0, 200);
        String longest = id + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
        List<String> hostnames = Stream.concat(Stream.of(longest.toUpperCase()),
                IntStream.range(0, 49).mapToObj(i -> "h" + i + "." + id + ".tavern.test")).toList();
        String publicBaseUrl = "https://" + longest + "/";
        publicBaseUrl = publicBaseUrl + "p".repeat(500 - publicBaseUrl.length());
        List<String> published = hostnames.stream().map(String::toLowerCase).sorted().toList();
        assertThat(longest).hasSize(253);
        assertThat(hostnames).hasSize(50);

        String adminKey = OperatorApi.create(id, name, publicBaseUrl, hostnames).statusCode(201)
                .body("id", equalTo(id)).body("name", equalTo(name)).body("publicBaseUrl", equalTo(publicBaseUrl))
                .body("hostnames", equalTo(published))
                .extract().path("adminKey");

        Created event = new SchedulerApi(longest.toUpperCase() + ":443").createWithSlots("Limits", 1, null, 1, null);
        new SchedulerApi("h48." + id + ".tavern.test").request().when().get("/api/events/" + event.slug()).then().statusCode(200)
                .body("link", equalTo(publicBaseUrl + "/e/" + event.slug()));
        try (TenantRecords records = new TenantRecords(id)) {
            JsonNode record = records.revision(1);
            assertThat(record.get("id").asText()).isEqualTo(id);
            assertThat(record.get("name").asText()).isEqualTo(name);
            assertThat(record.get("hostnames")).containsExactlyElementsOf(published.stream().map(TenantLifecycleTest::text).toList());
            assertThat(record.get("adminKeyHash").asText()).isEqualTo(Secrets.hashHex(adminKey));
        }
    }

    private static JsonNode text(String value) {
        return TextNode.valueOf(value);
    }

    /** One tenant's records on {@code tavern.tenants.v1}, read from the beginning. */
    private static final class TenantRecords implements AutoCloseable {

        private final String id;
        private final TopicProbe probe;

        TenantRecords(String id) {
            this.id = id;
            this.probe = TopicProbe.from(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers(), TenantEvents.TOPIC);
        }

        /**
         * The record of the change that made {@code revision}, once it is there: the tenant's records so far are exactly
         * one per change, revisions 1 to {@code revision} in order, each within the contract and typed as a change.
         */
        JsonNode revision(int revision) {
            List<ConsumerRecord<String, String>> records = probe.awaitAll(this::isOurs, revision, DEADLINE);
            assertThat(records).as("one record per change").hasSize(revision);
            List<JsonNode> values = records.stream().map(record -> {
                assertThat(TopicProbe.header(record, "ce_type")).contains(TenantEvents.TYPE);
                return TopicContract.of(TenantEvents.TOPIC).assertValid(record.value());
            }).toList();
            assertThat(values).extracting(value -> value.get("revision").asInt())
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, revision).boxed().toList());
            return values.get(revision - 1);
        }

        /** Every record of the tenant read so far, after one more poll. */
        List<JsonNode> all() {
            return probe.matching(this::isOurs).stream().map(record -> TopicContract.of(TenantEvents.TOPIC).assertValid(record.value())).toList();
        }

        private boolean isOurs(ConsumerRecord<String, String> record) {
            return id.equals(record.key());
        }

        @Override
        public void close() {
            probe.close();
        }
    }
}
