package dev.tavern.scheduler.ratelimit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.scheduler.SchedulerApi;
import dev.tavern.scheduler.SchedulerApi.Created;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A client over its per-minute budget gets 429 with Retry-After, for creating and for voting. */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class RateLimitTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tavern.scheduler.rate-limit.creates-per-minute", "2",
                    "tavern.scheduler.rate-limit.votes-per-minute", "3");
        }
    }

    private final SchedulerApi api = SchedulerApi.defaultTenant();

    @Test
    void creatingAndVotingBeyondTheBudgetIsRefusedWithRetryAfter() {
        Created event = api.createWithSlots("Limited", 1, null, 1, null);
        api.create("{\"title\":\"second\"}").statusCode(201);
        api.create("{\"title\":\"third\"}").statusCode(429)
                .header("Retry-After", Integer::parseInt, greaterThan(0))
                .header("Retry-After", Integer::parseInt, lessThanOrEqualTo(60))
                .body("error", equalTo("Rate limit exceeded"))
                .body("retryAfter", greaterThan(0));

        long slot = api.slotIds(event.slug()).get(0);
        for (int i = 0; i < 3; i++) {
            api.vote(event.slug(), null, "Voter" + i, Map.of(slot, "YES")).statusCode(200);
        }
        api.vote(event.slug(), null, "Voter3", Map.of(slot, "YES")).statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }
}
