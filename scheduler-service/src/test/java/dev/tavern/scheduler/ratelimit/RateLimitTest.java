package dev.tavern.scheduler.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.scheduler.SchedulerApi;
import dev.tavern.scheduler.SchedulerApi.Created;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * A client over its per-minute budget gets 429 with Retry-After, for creating and for voting; every answer tells the
 * budget in X-RateLimit-* headers, and another client's budget is its own. Clients are told apart by the address the
 * proxy forwards, as in production. Windows are whole minutes: a run that straddles a minute boundary is run again.
 */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class RateLimitTest {

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tavern.rate-limits.event-creations", "2",
                    "tavern.rate-limits.votes", "3",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @Test
    void creatingBeyondTheBudgetIsRefusedWithRetryAfterWhileAnotherClientGoesOn() {
        ExtractableResponse<Response> refused = null;
        for (int run = 0; run < 2 && refused == null; run++) {
            SchedulerApi client = SchedulerApi.defaultTenant().from(newClientAddress());
            ExtractableResponse<Response> first = client.create("{\"title\":\"first\"}").extract();
            ExtractableResponse<Response> second = client.create("{\"title\":\"second\"}").extract();
            ExtractableResponse<Response> third = client.create("{\"title\":\"third\"}").extract();
            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(first.header("X-RateLimit-Limit")).isEqualTo("2");
            if (sameWindow(first, third)) {
                assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("1");
                assertThat(second.statusCode()).isEqualTo(201);
                assertThat(second.header("X-RateLimit-Remaining")).isEqualTo("0");
                refused = third;
            }
        }

        assertRefused(refused);
        assertThat(SchedulerApi.defaultTenant().from(newClientAddress()).create("{\"title\":\"elsewhere\"}").extract().statusCode())
                .isEqualTo(201);
    }

    @Test
    void votingBeyondTheBudgetIsRefusedWithRetryAfter() {
        Created event = SchedulerApi.defaultTenant().from(newClientAddress()).createWithSlots("Limited", 1, null, 1, null);
        long slot = SchedulerApi.defaultTenant().slotIds(event.slug()).get(0);
        ExtractableResponse<Response> refused = null;
        for (int run = 0; run < 2 && refused == null; run++) {
            SchedulerApi voter = SchedulerApi.defaultTenant().from(newClientAddress());
            ExtractableResponse<Response> first = null;
            for (int i = 0; i < 3; i++) {
                ExtractableResponse<Response> vote = voter.vote(event.slug(), null, "Voter " + run + "-" + i, Map.of(slot, "YES")).extract();
                assertThat(vote.statusCode()).isEqualTo(200);
                first = first == null ? vote : first;
            }
            ExtractableResponse<Response> fourth = voter.vote(event.slug(), null, "Voter " + run + "-3", Map.of(slot, "YES")).extract();
            refused = sameWindow(first, fourth) ? fourth : null;
        }

        assertRefused(refused);
    }

    private static void assertRefused(ExtractableResponse<Response> refused) {
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.jsonPath().getString("error")).isEqualTo("Rate limit exceeded");
        int retryAfter = refused.jsonPath().getInt("retryAfter");
        assertThat(retryAfter).isBetween(1, 60);
        assertThat(refused.header("Retry-After")).isEqualTo(Integer.toString(retryAfter));
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
    }

    private static boolean sameWindow(ExtractableResponse<Response> first, ExtractableResponse<Response> last) {
        return first.header("X-RateLimit-Reset").equals(last.header("X-RateLimit-Reset"));
    }

    /** A new address from the documentation range, as the first of the hops the proxy forwards. */
    private static String newClientAddress() {
        return "203.0.113." + CLIENTS.incrementAndGet() + ", 10.0.0.1";
    }
}
