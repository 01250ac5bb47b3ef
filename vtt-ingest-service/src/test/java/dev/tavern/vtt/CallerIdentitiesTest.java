package dev.tavern.vtt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.TavernInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Each route family of the ingest service against every kind of credential: only its own is let in, and every other
 * answers the family's 401 body, whatever it is (none, another kind, one of the right kind that proves nobody).
 */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class CallerIdentitiesTest {

    private record Family(String name, String method, String path, String refusal, String own) {
    }

    @Test
    void everyRouteFamilyLetsInOnlyItsOwnCallers() {
        IngestApi tenant = IngestApi.tenantWithCampaign("world-identities");
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("none", null);
        credentials.put("operator", IngestApi.OPERATOR);
        credentials.put("admin key", "Bearer " + tenant.adminKey);
        credentials.put("API key", "Bearer " + tenant.apiKey);
        credentials.put("unknown admin key", "Bearer tadm_" + "x".repeat(43));
        credentials.put("unknown API key", "Bearer ta_" + "x".repeat(43));
        credentials.put("not bearer", "Basic " + tenant.apiKey);
        credentials.put("garbage", "Bearer \u00e9\u00e9");
        List<Family> families = List.of(
                new Family("VTT webhook", "POST", "/webhooks/vtt/test", "Invalid API Key", "API key"),
                new Family("management", "GET", "/api/vtt-connections", "Invalid admin key", "admin key"));

        List<String> wrong = new ArrayList<>();
        for (Family family : families) {
            credentials.forEach((kind, authorization) -> {
                var request = given();
                if (authorization != null) {
                    request = request.header("Authorization", authorization);
                }
                Response response = request.when().request(family.method(), family.path());
                boolean own = kind.equals(family.own());
                Object error = response.statusCode() == 401 && response.getContentType().startsWith("application/json")
                        ? response.path("error") : null;
                if (own ? response.statusCode() != 200 : response.statusCode() != 401 || !family.refusal().equals(error)) {
                    wrong.add(family.name() + " with " + kind + ": " + response.statusCode() + " " + response.asString());
                }
            });
        }
        assertThat(wrong).isEmpty();
    }
}
