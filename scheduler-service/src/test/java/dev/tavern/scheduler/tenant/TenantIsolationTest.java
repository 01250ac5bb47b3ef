package dev.tavern.scheduler.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tavern.infra.contract.TopicContract;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicProbe;
import dev.tavern.scheduler.OperatorApi;
import dev.tavern.scheduler.SchedulerApi;
import dev.tavern.scheduler.SchedulerApi.Created;
import dev.tavern.scheduler.topic.SchedulingEvents;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A tenant's events live under its own hostnames and links; other hosts do not see them. */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class TenantIsolationTest {

    private static final String OPERATOR = "Bearer " + OperatorApi.TOKEN;

    @Test
    void anEventIsOnlyVisibleUnderItsTenantsHostsAndLinksUseItsBaseUrl() {
        String tenant = OperatorApi.uniqueId("raid");
        String hostname = tenant + ".tavern.test";
        OperatorApi.create(tenant, hostname).statusCode(201).body("hostnames", hasItem(hostname));

        SchedulerApi raid = new SchedulerApi(hostname + ":443");
        Created event = raid.createWithSlots("Tenant raid", 1, null, 1, null);

        raid.request().when().get("/api/events/" + event.slug()).then().statusCode(200)
                .body("link", equalTo("https://" + hostname + "/e/" + event.slug()));
        SchedulerApi.defaultTenant().request().when().get("/api/events/" + event.slug()).then().statusCode(404);
        SchedulerApi.defaultTenant().request().header("X-Host-Token", event.hostToken())
                .when().post("/api/events/" + event.slug() + "/cancel").then().statusCode(404);

        try (TopicProbe topic = TopicProbe.from(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers(), SchedulingEvents.TOPIC)) {
            JsonNode created = TopicContract.of(SchedulingEvents.TOPIC).assertValid(
                    topic.await(r -> r.key().equals(Long.toString(event.id())), Duration.ofSeconds(20)).value());
            assertThat(created.get("tenantId").asText()).isEqualTo(tenant);
            assertThat(created.get("link").asText()).isEqualTo("https://" + hostname + "/e/" + event.slug());
        }
    }

    @Test
    void aHostnameBelongsToOneTenant() {
        String first = OperatorApi.uniqueId("first");
        String hostname = first + ".tavern.test";
        OperatorApi.create(first, hostname).statusCode(201);
        OperatorApi.create(OperatorApi.uniqueId("second"), hostname).statusCode(409)
                .body("message", equalTo("Hostname " + hostname + " belongs to another tenant"));

        String third = OperatorApi.uniqueId("third");
        OperatorApi.create(third, third + ".tavern.test").statusCode(201);
        OperatorApi.update(third, "Third", "https://" + third + ".tavern.test", List.of(third + ".tavern.test", hostname.toUpperCase()))
                .statusCode(409);
        OperatorApi.get(third).statusCode(200).body("hostnames", equalTo(List.of(third + ".tavern.test")));
    }

    @Test
    void tenantsClaimingOneHostnameAtOnceGetItOnceAndTheOthers409() {
        String race = OperatorApi.uniqueId("race");
        String hostname = race + ".tavern.test";
        List<CompletableFuture<Integer>> claims = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> OperatorApi.create(race + "-" + i, "Racer " + i, "https://" + hostname,
                        List.of(hostname)).extract().statusCode()))
                .toList();

        List<Integer> statuses = claims.stream().map(CompletableFuture::join).toList();

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
    }

    @Test
    void theOperatorApiNeedsTheOperatorToken() {
        given().when().get("/api/operator/tenants").then().statusCode(401).body("error", equalTo("Invalid operator token"));
        given().header("Authorization", "Bearer wrong").when().get("/api/operator/tenants").then().statusCode(401);
        given().header("Authorization", OPERATOR).when().get("/api/operator/tenants").then().statusCode(200);
    }
}
