package dev.tavern.scheduler.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

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
import io.restassured.http.ContentType;

/** A tenant's events live under its own hostnames and links; other hosts do not see them. */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class TenantIsolationTest {

    private static final String OPERATOR = "Bearer test-operator-token";

    @Test
    void anEventIsOnlyVisibleUnderItsTenantsHostsAndLinksUseItsBaseUrl() {
        String tenant = "raid-" + UUID.randomUUID().toString().substring(0, 8);
        String hostname = tenant + ".tavern.test";
        given().header("Authorization", OPERATOR).contentType(ContentType.JSON)
                .body("{\"name\":\"Raiders\",\"publicBaseUrl\":\"https://" + hostname + "\",\"hostnames\":[\"" + hostname + "\"]}")
                .when().put("/api/operator/tenants/" + tenant)
                .then().statusCode(200).body("hostnames", hasItem(hostname));

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
        String hostname = "shared-" + UUID.randomUUID().toString().substring(0, 8) + ".tavern.test";
        String body = "{\"name\":\"A\",\"publicBaseUrl\":\"https://" + hostname + "\",\"hostnames\":[\"" + hostname + "\"]}";
        given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body(body)
                .when().put("/api/operator/tenants/first-" + hostname.substring(7, 15)).then().statusCode(200);
        given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body(body)
                .when().put("/api/operator/tenants/second-" + hostname.substring(7, 15)).then().statusCode(409);
    }

    @Test
    void tenantsClaimingOneHostnameAtOnceGetItOnceAndTheOthers409() {
        String hostname = "race-" + UUID.randomUUID().toString().substring(0, 8) + ".tavern.test";
        String body = "{\"name\":\"A\",\"publicBaseUrl\":\"https://" + hostname + "\",\"hostnames\":[\"" + hostname + "\"]}";
        List<java.util.concurrent.CompletableFuture<Integer>> claims = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(() -> given().header("Authorization", OPERATOR)
                        .contentType(ContentType.JSON).body(body)
                        .when().put("/api/operator/tenants/racer-" + i + "-" + hostname.substring(5, 13)).then().extract().statusCode()))
                .toList();

        List<Integer> statuses = claims.stream().map(java.util.concurrent.CompletableFuture::join).toList();

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
    }

    @Test
    void theOperatorApiNeedsTheOperatorToken() {
        given().when().get("/api/operator/tenants").then().statusCode(401).body("error", equalTo("Invalid operator token"));
        given().header("Authorization", "Bearer wrong").when().get("/api/operator/tenants").then().statusCode(401);
        given().header("Authorization", OPERATOR).when().get("/api/operator/tenants").then().statusCode(200);
    }
}
