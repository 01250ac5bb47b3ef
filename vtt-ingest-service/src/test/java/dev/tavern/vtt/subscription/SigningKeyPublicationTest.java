package dev.tavern.vtt.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.infra.contract.TopicContract;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicProbe;
import dev.tavern.vtt.IngestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * At start the service publishes the public half of its signing key under its key id, and that key verifies the
 * tokens it issues; replicas publishing a key at the same moment publish it once, and another key under the same id
 * is published again.
 */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class SigningKeyPublicationTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TopicContract CONTRACT = TopicContract.of(SigningKeyPublisher.TOPIC);

    @Inject
    SigningKeyPublisher publisher;

    @Test
    void atStartTheServicePublishesTheKeyThatVerifiesTheTokensItIssues() throws Exception {
        IngestApi vtt = IngestApi.tenantWithCampaign("world-signing-key");
        String token = vtt.asAdmin().body("{\"channel\":\"campaign/" + vtt.campaignId + "/dice-rolls\"}")
                .when().post("/api/subscription-tokens").then().statusCode(201).extract().path("token");
        String[] parts = token.split("\\.");
        String keyId = JSON.readTree(Base64.getUrlDecoder().decode(parts[0])).get("kid").asText();

        try (TopicProbe keys = TopicProbe.from(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers(), SigningKeyPublisher.TOPIC)) {
            ConsumerRecord<String, String> record = keys.await(r -> r.key().equals(keyId), WITHIN);
            JsonNode published = CONTRACT.assertValid(record.value());
            assertThat(TopicProbe.header(record, "ce_type")).contains("tavern.vtt.subscription-key.published");
            assertThat(TopicProbe.header(record, "ce_source")).contains("/tavern/vtt-ingest-service");
            assertThat(published.get("keyId").asText()).isEqualTo(keyId);

            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(publicKeyOf(published));
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        }
    }

    @Test
    void replicasPublishingAKeyTogetherPublishItOnceAndAnotherKeyUnderItsIdAgain() throws Exception {
        String keyId = "tavern-" + UUID.randomUUID();
        RSAPublicKey first = newPublicKey();

        List<Boolean> outcomes = Uni.join().all(IntStream.range(0, 5).mapToObj(replica -> publisher.publish(keyId, first)).toList())
                .andFailFast().await().atMost(WITHIN);

        assertThat(outcomes).containsOnlyOnce(true);
        try (TopicProbe keys = TopicProbe.from(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers(), SigningKeyPublisher.TOPIC)) {
            keys.await(r -> r.key().equals(keyId), WITHIN);
            assertThat(keys.matching(r -> r.key().equals(keyId))).hasSize(1);

            RSAPublicKey second = newPublicKey();
            assertThat(publisher.publish(keyId, second).await().atMost(WITHIN)).isTrue();
            JsonNode republished = CONTRACT.assertValid(keys.awaitAll(r -> r.key().equals(keyId), 2, WITHIN).get(1).value());
            assertThat(publicKeyOf(republished)).isEqualTo(second);
        }
    }

    /** The key a record's JWK holds. */
    private static RSAPublicKey publicKeyOf(JsonNode published) throws Exception {
        return ((RsaJsonWebKey) JsonWebKey.Factory.newJwk(published.get("jwk").toString())).getRsaPublicKey();
    }

    private static RSAPublicKey newPublicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return (RSAPublicKey) generator.generateKeyPair().getPublic();
    }
}
