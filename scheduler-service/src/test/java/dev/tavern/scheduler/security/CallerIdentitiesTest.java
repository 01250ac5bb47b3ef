package dev.tavern.scheduler.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.scheduler.OperatorApi;
import dev.tavern.scheduler.SchedulerApi;
import dev.tavern.scheduler.SchedulerApi.Created;
import dev.tavern.scheduler.SchedulerApi.Voter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every caller of the scheduler as Quarkus Security sees it (the operator, an event's host, a participant, anyone):
 * what each may reach, and the JSON or page a refusal answers with.
 */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class CallerIdentitiesTest {

    private static final String OPERATOR_TOKEN = OperatorApi.TOKEN;
    private final SchedulerApi api = SchedulerApi.defaultTenant();

    @Test
    void aHostRouteRefusesAnonymousCallersAndOtherEventsHostsInJson() {
        Created event = api.createWithSlots("Identities", 1, null, 1, null);
        Created other = api.createWithSlots("Someone else's", 1, null, 1, null);

        api.request().when().post("/api/events/" + event.slug() + "/cancel").then()
                .statusCode(401).contentType("application/json")
                .body("error", equalTo("Host token required")).body("message", equalTo("Send X-Host-Token or open the host link"));
        api.request().header("X-Host-Token", other.hostToken()).when().post("/api/events/" + event.slug() + "/cancel").then()
                .statusCode(403).body("error", equalTo("Wrong host token"));
        // The operator runs Tavern, not this event.
        api.request().header("Authorization", "Bearer " + OPERATOR_TOKEN).when().post("/api/events/" + event.slug() + "/cancel").then()
                .statusCode(401).body("error", equalTo("Host token required"));

        api.asHost(event, "POST", "/cancel", null).statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void publicRoutesIgnoreCredentialsTheyDoNotNeed() {
        Created event = api.createWithSlots("Public", 1, null, 1, null);

        api.request().header("X-Host-Token", "stale").header("Authorization", "Bearer not-a-token")
                .when().get("/api/events/" + event.slug()).then()
                .statusCode(200).body("title", equalTo("Public"));
        api.request().header("Authorization", "Bearer not-a-token").contentType("application/json")
                .body("{\"title\":\"Still public\",\"slots\":[]}").when().post("/api/events").then()
                .statusCode(201).body("title", equalTo("Still public"));
    }

    @Test
    void withdrawingNeedsTheParticipantsOwnToken() {
        Created event = api.createWithSlots("Leaving", 1, null, 1, null);
        long slot = api.slotIds(event.slug()).get(0);
        Voter ann = api.join(event.slug(), "Ann", Map.of(slot, "YES"));
        Created elsewhere = api.createWithSlots("Elsewhere", 1, null, 1, null);
        Voter bob = api.join(elsewhere.slug(), "Bob", Map.of(api.slotIds(elsewhere.slug()).get(0), "YES"));

        api.request().when().delete("/api/events/" + event.slug() + "/votes").then()
                .statusCode(401).body("error", equalTo("Participant token required"));
        api.withdraw(event.slug(), bob.token()).statusCode(403).body("error", equalTo("Unknown participant token"));
        // A host token is no participant's.
        api.request().header("X-Host-Token", event.hostToken()).when().delete("/api/events/" + event.slug() + "/votes").then()
                .statusCode(401).body("error", equalTo("Participant token required"));

        api.withdraw(event.slug(), ann.token()).statusCode(204);
        given().when().get("/api/events/" + event.slug()).then().statusCode(200).body("participants.size()", equalTo(0));
    }

    @Test
    void operatorRoutesNeedTheOperatorTokenAndNothingElse() {
        Created event = api.createWithSlots("Not an operator", 1, null, 1, null);

        given().when().get("/api/operator/tenants").then().statusCode(401).body("error", equalTo("Invalid operator token"));
        given().header("Authorization", "Bearer " + event.hostToken()).when().get("/api/operator/tenants").then()
                .statusCode(401).body("error", equalTo("Invalid operator token"));
        given().header("X-Host-Token", event.hostToken()).when().get("/api/operator/tenants").then()
                .statusCode(401).body("error", equalTo("Invalid operator token"));
        given().header("Authorization", "bearer " + OPERATOR_TOKEN).when().get("/api/operator/tenants").then().statusCode(200);

        String id = OperatorApi.uniqueId("identities");
        given().header("X-Host-Token", event.hostToken()).contentType("application/json")
                .body(Map.of("id", id, "name", "Identities", "publicBaseUrl", "https://" + id + ".tavern.test", "hostnames", List.of()))
                .when().post("/api/operator/tenants").then()
                .statusCode(401).body("error", equalTo("Invalid operator token"));
        // An admin key manages its tenant's resources at the other services, not tenants.
        String adminKey = OperatorApi.create(id, id + ".tavern.test").statusCode(201).extract().path("adminKey");
        given().header("Authorization", "Bearer " + adminKey).when().post("/api/operator/tenants/" + id + "/admin-key").then()
                .statusCode(401).body("error", equalTo("Invalid operator token"));
    }

    @Test
    void theHostPageWithoutTheCookieSaysSoInHtml() {
        Created event = api.createWithSlots("Page", 1, null, 1, null);

        given().redirects().follow(false).when().get("/e/" + event.slug() + "/host").then()
                .statusCode(401).contentType(startsWith("text/html")).body(containsString("Host token required"));
        given().redirects().follow(false).cookie("tavern_host_" + event.slug(), "wrong").when().get("/e/" + event.slug() + "/host").then()
                .statusCode(403).contentType(startsWith("text/html")).body(containsString("Wrong host token"));
        // The host link trades its token for the cookie, which then opens the page.
        String cookie = given().redirects().follow(false).when().get("/e/" + event.slug() + "/host?token=" + event.hostToken()).then()
                .statusCode(303).extract().cookie("tavern_host_" + event.slug());
        given().cookie("tavern_host_" + event.slug(), cookie).when().get("/e/" + event.slug() + "/host").then()
                .statusCode(200).body(containsString("/host?token=" + event.hostToken()));
    }
}
