package dev.tavern.vtt.tenant;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import dev.tavern.infra.TavernInfrastructure;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TenantRecords;
import dev.tavern.infra.test.TopicWriter;
import dev.tavern.vtt.IngestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Tenants as scheduler-service publishes them on {@code tavern.tenants.v1}: this service serves a tenant's admin key
 * and its VTT connections' API keys only while the tenant's latest record says ACTIVE, whichever tenant's record
 * changes beside it.
 */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class TenantDirectoryTest {

    private static final Duration WITHIN = Duration.ofSeconds(5);

    @Test
    void aSuspendedTenantIsRefusedUntilResumedWhileAnotherTenantKeepsBeingServed() {
        IngestApi suspended = IngestApi.tenantWithCampaign("world-suspended");
        IngestApi other = IngestApi.tenantWithCampaign("world-unaffected");

        IngestApi.tenants().suspended(suspended.tenantId, suspended.adminKey);

        await().atMost(WITHIN).untilAsserted(() -> suspended.postRoll(suspended.normalRoll("r-" + UUID.randomUUID()))
                .statusCode(401).body("error", equalTo("Invalid API Key")));
        IngestApi.awaitAdminKey(suspended.adminKey, 401);
        other.postRoll(other.normalRoll("r-" + UUID.randomUUID())).statusCode(200);
        other.asAdmin().when().get("/api/campaigns").then().statusCode(200);

        IngestApi.tenants().active(suspended.tenantId, suspended.adminKey);

        IngestApi.awaitAdminKey(suspended.adminKey, 200);
        suspended.postRoll(suspended.normalRoll("r-" + UUID.randomUUID())).statusCode(200);
    }

    @Test
    void aDeletedTenantIsRefusedForGood() {
        IngestApi deleted = IngestApi.tenantWithCampaign("world-deleted");

        IngestApi.tenants().deleted(deleted.tenantId);

        IngestApi.awaitAdminKey(deleted.adminKey, 401);
        deleted.postRoll(deleted.normalRoll("r-" + UUID.randomUUID())).statusCode(401);
    }

    @Test
    void aReplacedAdminKeyStopsWorkingAndTheNewOneWorks() {
        IngestApi tenant = IngestApi.tenantWithCampaign("world-rotated");
        String replacement = TenantRecords.newAdminKey();

        IngestApi.tenants().active(tenant.tenantId, replacement);

        IngestApi.awaitAdminKey(replacement, 200);
        IngestApi.awaitAdminKey(tenant.adminKey, 401);
        tenant.postRoll(tenant.normalRoll("r-" + UUID.randomUUID())).statusCode(200);
    }

    @Test
    void aRecordOffItsContractLeavesTheTenantAsItWas() {
        IngestApi tenant = IngestApi.tenantWithCampaign("world-off-contract");

        int partition;
        try (TopicWriter writer = new TopicWriter(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers())) {
            writer.send(TenantRecords.TOPIC, tenant.tenantId, UUID.randomUUID().toString(), "tavern.tenant.changed",
                    "{\"id\":\"" + tenant.tenantId + "\",\"status\":\"PAUSED\"}", Map.of());
            partition = writer.send(TenantRecords.TOPIC, tenant.tenantId, UUID.randomUUID().toString(), "tavern.tenant.changed",
                    "not json", Map.of()).partition();
        }
        // A tenant published after them on the same partition is served only once the two above have been read.
        IngestApi.activeTenant(idOnPartition(partition));

        given().header("Authorization", "Bearer " + tenant.adminKey).when().get("/api/vtt-connections").then().statusCode(200);
        tenant.postRoll(tenant.normalRoll("r-" + UUID.randomUUID())).statusCode(200);
    }

    /** A new tenant id that the producer's default partitioner puts on this partition of the topic. */
    private static String idOnPartition(int partition) {
        while (true) {
            String id = "t-" + UUID.randomUUID().toString().substring(0, 12);
            if (Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % TavernInfrastructure.PARTITIONS == partition) {
                return id;
            }
        }
    }
}
