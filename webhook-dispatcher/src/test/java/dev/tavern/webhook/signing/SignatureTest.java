package dev.tavern.webhook.signing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TenantRecords;
import dev.tavern.webhook.SchedulingRecords;
import dev.tavern.webhook.WebhookReceiver;
import dev.tavern.webhook.WebhookReceiver.Received;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Webhooks verify as the Standard Webhooks specification describes, checked here by a verifier
 * written from the specification (not Tavern's signer), also across a secret rotation.
 */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class SignatureTest {

    private final WebhookReceiver receiver = SchedulingRecords.receiver();
    private final SchedulingRecords records = SchedulingRecords.shared();

    @Test
    void signaturesVerifyWithTheTenantsSecretAndBothSecretsDuringARotation() throws Exception {
        String tenant = "sig-" + UUID.randomUUID().toString().substring(0, 8);
        String first = rotate(tenant);
        assertThat(first).startsWith("whsec_");

        Received signedOnce = deliver(tenant);
        assertThat(verifies(signedOnce, first)).isTrue();
        assertThat(verifies(signedOnce, "whsec_" + Base64.getEncoder().encodeToString(new byte[32]))).isFalse();

        String second = rotate(tenant);
        Received signedTwice = deliver(tenant);
        assertThat(signedTwice.headers().get("webhook-signature").split(" ")).hasSize(2);
        assertThat(verifies(signedTwice, second)).isTrue();
        assertThat(verifies(signedTwice, first)).isTrue();
    }

    @Test
    void aCommunityIssuesItsOwnSecretWithItsAdminKeyAndWebhooksVerifyWithIt() throws Exception {
        String tenant = "own-" + UUID.randomUUID().toString().substring(0, 8);
        String adminKey = TenantRecords.newAdminKey();
        try (TenantRecords tenants = new TenantRecords(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers())) {
            tenants.active(tenant, adminKey);
        }

        String secret = await().atMost(Duration.ofSeconds(5)).until(() -> given().header("Authorization", "Bearer " + adminKey)
                .when().post("/api/webhooks/signing-secret").then().extract(), answer -> answer.statusCode() == 200).path("secret");

        assertThat(secret).startsWith("whsec_");
        assertThat(verifies(deliver(tenant), secret)).isTrue();
        given().header("Authorization", "Bearer tadm_" + "x".repeat(43)).when().post("/api/webhooks/signing-secret")
                .then().statusCode(401).body("error", equalTo("Invalid admin key"));
        given().header("Authorization", "Bearer test-operator-token").when().post("/api/webhooks/signing-secret")
                .then().statusCode(401);
    }

    @Test
    void aTamperedBodyDoesNotVerify() throws Exception {
        String tenant = "tamper-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = rotate(tenant);
        Received webhook = deliver(tenant);

        Received tampered = new Received(webhook.path(), webhook.headers(), webhook.body().replace("Raid Night", "Raid Day"));
        assertThat(verifies(tampered, secret)).isFalse();
    }

    private String rotate(String tenant) {
        return given().header("Authorization", "Bearer test-operator-token")
                .when().post("/api/operator/webhooks/tenants/" + tenant + "/signing-secret")
                .then().statusCode(200).extract().path("secret");
    }

    private Received deliver(String tenant) {
        long eventId = SchedulingRecords.newEventId();
        String path = "/signed-" + eventId;
        records.created(eventId, tenant, receiver.url(path));
        return await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received(path), r -> !r.isEmpty()).get(0);
    }

    /** The specification: HMAC-SHA256 keyed with the base64-decoded secret over "id.timestamp.body", any v1 entry may match. */
    private static boolean verifies(Received webhook, String secret) throws Exception {
        String id = webhook.headers().get("webhook-id");
        String timestamp = webhook.headers().get("webhook-timestamp");
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = hmac.doFinal((id + "." + timestamp + "." + webhook.body()).getBytes(StandardCharsets.UTF_8));
        List<String> signatures = Arrays.asList(webhook.headers().get("webhook-signature").split(" "));
        return signatures.stream().filter(s -> s.startsWith("v1,"))
                .anyMatch(s -> MessageDigest.isEqual(Base64.getDecoder().decode(s.substring(3)), expected));
    }

    @Test
    void concurrentRotationsOfANewTenantsSecretLeaveOneCurrentSecretAndAnswerTheOthers409() {
        String tenant = "race-" + UUID.randomUUID().toString().substring(0, 8);
        List<java.util.concurrent.CompletableFuture<Integer>> rotations = java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(() -> given()
                        .header("Authorization", "Bearer test-operator-token")
                        .when().post("/api/operator/webhooks/tenants/" + tenant + "/signing-secret").then().extract().statusCode()))
                .toList();

        List<Integer> statuses = rotations.stream().map(java.util.concurrent.CompletableFuture::join).toList();

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses).contains(200);
    }
}
