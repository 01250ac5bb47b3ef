package dev.tavern.vtt.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.vtt.IngestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Per-key limits of the document (60/min test, 120/min dice-roll), counted in the shared
 * database (local-stack's IngestReplicasTest holds them across two processes). Windows are whole minutes: a run that
 * straddles a minute boundary is run again.
 */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class RateLimitTest {

    @Test
    void theTestEndpointAllowsSixtyAMinuteThenAnswers429WithRetryAfter() {
        ExtractableResponse<Response> limited = null;
        for (int run = 0; run < 2 && limited == null; run++) {
            IngestApi vtt = IngestApi.tenantWithCampaign("world-limits-" + UUID.randomUUID());
            String window = null;
            for (int i = 1; i <= 60; i++) {
                ExtractableResponse<Response> ok = test(vtt);
                window = window == null ? ok.header("X-RateLimit-Reset") : window;
                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("60");
                if (window.equals(ok.header("X-RateLimit-Reset"))) {
                    assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(60 - i));
                }
            }
            ExtractableResponse<Response> sixtyFirst = test(vtt);
            limited = window.equals(sixtyFirst.header("X-RateLimit-Reset")) ? sixtyFirst : null;
        }

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.jsonPath().getString("error")).isEqualTo("Rate limit exceeded");
        int retryAfter = limited.jsonPath().getInt("retryAfter");
        assertThat(retryAfter).isBetween(1, 60);
        assertThat(limited.header("Retry-After")).isEqualTo(Integer.toString(retryAfter));
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
    }

    private static ExtractableResponse<Response> test(IngestApi vtt) {
        return given().header("Authorization", "Bearer " + vtt.apiKey).when().post("/webhooks/vtt/test").then().extract();
    }
}
