package dev.tavern.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.webhook.SchedulingRecords;
import dev.tavern.webhook.WebhookReceiver;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Instances sharing one database: besides this application's dispatcher, two more claim due
 * deliveries concurrently and then crash, never recording their attempts.
 */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class DeliveryInstancesTest {

    @Inject
    DeliveryClaims claims;

    private final WebhookReceiver receiver = SchedulingRecords.receiver();
    private final SchedulingRecords records = SchedulingRecords.shared();

    @Test
    void instancesNeverTakeTheSameAttemptAndACrashedInstancesAttemptsResume() {
        String path = "/instances-" + UUID.randomUUID();
        List<Long> events = LongStream.range(0, 40).mapToObj(i -> SchedulingRecords.newEventId()).toList();
        Set<UUID> takenByCrashed = ConcurrentHashMap.newKeySet();
        List<UUID> claimedTwice = new ArrayList<>();

        CompletableFuture<Void> instanceB = CompletableFuture.runAsync(() -> claimFor(Duration.ofSeconds(3), takenByCrashed, claimedTwice));
        CompletableFuture<Void> instanceC = CompletableFuture.runAsync(() -> claimFor(Duration.ofSeconds(3), takenByCrashed, claimedTwice));
        events.forEach(eventId -> records.created(eventId, "default", receiver.url(path)));
        CompletableFuture.allOf(instanceB, instanceC).join();

        List<JsonPath> deliveries = events.stream()
                .map(eventId -> SchedulingRecords.awaitDelivery(eventId, "DELIVERED", Duration.ofSeconds(30)))
                .toList();

        assertThat(claimedTwice).isEmpty();
        Map<String, Long> received = receiver.received(path).stream()
                .collect(Collectors.groupingBy(r -> r.headers().get("webhook-id"), Collectors.counting()));
        Set<String> resumed = takenByCrashed.stream().map(UUID::toString).collect(Collectors.toSet());
        for (JsonPath delivery : deliveries) {
            // Each request the receiver got is an attempt of its own (one that timed out on a loaded machine is
            // sent again under the next number); two instances never send the same attempt.
            String id = delivery.getString("[0].id");
            assertThat(received.get(id)).as("requests for %s, attempts %s", id, delivery.getList("[0].attempts"))
                    .isBetween(1L, (long) delivery.getList("[0].attempts").size());
            if (resumed.contains(delivery.getString("[0].id"))) {
                // The crashed instance's attempt counts; the attempt that got through is the second.
                assertThat(delivery.getInt("[0].attemptCount")).isEqualTo(2);
                assertThat(delivery.getList("[0].attempts.number", Integer.class)).containsExactly(2);
            }
        }
    }

    /** An instance that claims whatever is due for a while and then dies without recording anything. */
    private void claimFor(Duration duration, Set<UUID> taken, List<UUID> claimedTwice) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            for (Claim claim : claims.claimDue(5).await().atMost(Duration.ofSeconds(10))) {
                if (!taken.add(claim.id())) {
                    synchronized (claimedTwice) {
                        claimedTwice.add(claim.id());
                    }
                }
            }
        }
    }
}
