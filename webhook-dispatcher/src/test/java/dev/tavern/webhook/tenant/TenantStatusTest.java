package dev.tavern.webhook.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TenantRecords;
import dev.tavern.webhook.SchedulingRecords;
import dev.tavern.webhook.WebhookReceiver;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A community's webhooks go out only while its tenant is active on {@code tavern.tenants.v1}: a suspended one's are
 * held back (attempts recorded, nothing sent) and go out once it is resumed within the retry window; a deleted one's
 * end without a request. The test profile retries every second for four.
 */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class TenantStatusTest {

    private static final TenantRecords TENANTS = new TenantRecords(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers());

    private final WebhookReceiver receiver = SchedulingRecords.receiver();
    private final SchedulingRecords records = SchedulingRecords.shared();

    @AfterAll
    static void closeWriter() {
        TENANTS.close();
    }

    @Test
    void aSuspendedCommunitysWebhookIsHeldBackAndSentOnceItIsResumed() {
        String tenant = newTenant();
        String adminKey = TenantRecords.newAdminKey();
        TENANTS.active(tenant, adminKey);
        awaitAdminKey(adminKey, 200);
        TENANTS.suspended(tenant, adminKey);
        awaitAdminKey(adminKey, 401);

        long eventId = SchedulingRecords.newEventId();
        String path = "/suspended-" + eventId;
        records.created(eventId, tenant, receiver.url(path));

        JsonPath held = await().atMost(Duration.ofSeconds(10)).until(() -> SchedulingRecords.deliveriesOf(eventId),
                deliveries -> deliveries.getInt("[0].attemptCount") >= 1);
        assertThat(held.getString("[0].status")).isEqualTo("PENDING");
        assertThat(held.getString("[0].attempts[0].error")).isEqualTo("Not attempted: the community is suspended");
        assertThat(receiver.received(path)).isEmpty();

        TENANTS.active(tenant, adminKey);

        SchedulingRecords.awaitDelivery(eventId, "DELIVERED", Duration.ofSeconds(10));
        assertThat(receiver.received(path)).hasSize(1);
    }

    @Test
    void aDeletedCommunitysWebhookEndsWithoutARequest() {
        String tenant = newTenant();
        String adminKey = TenantRecords.newAdminKey();
        TENANTS.active(tenant, adminKey);
        awaitAdminKey(adminKey, 200);
        TENANTS.deleted(tenant);
        awaitAdminKey(adminKey, 401);

        long eventId = SchedulingRecords.newEventId();
        String path = "/deleted-" + eventId;
        records.created(eventId, tenant, receiver.url(path));

        JsonPath failed = SchedulingRecords.awaitDelivery(eventId, "FAILED", Duration.ofSeconds(10));
        assertThat(failed.getInt("[0].attemptCount")).isEqualTo(1);
        assertThat(failed.getString("[0].lastError")).isEqualTo("Refused: Not attempted: the community is deleted");
        assertThat(receiver.received(path)).isEmpty();
    }

    /**
     * Waits until the community's own signing-secret route answers its admin key with this status: the dispatcher has
     * then read the tenant's latest record.
     */
    private static void awaitAdminKey(String adminKey, int status) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().header("Authorization", "Bearer " + adminKey)
                .when().post("/api/webhooks/signing-secret").then().statusCode(status));
    }

    private static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12);
    }
}
