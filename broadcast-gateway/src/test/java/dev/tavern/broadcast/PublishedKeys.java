package dev.tavern.broadcast;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.UUID;

import org.jose4j.jwk.JsonWebKey.OutputControlLevel;
import org.jose4j.jwk.RsaJsonWebKey;

import dev.tavern.infra.contract.TopicContract;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicWriter;

/**
 * Subscription signing keys as vtt-ingest-service publishes them on {@code tavern.vtt.subscription-keys.v1}: each
 * record checked against the topic's contract, written with CloudEvents headers, keyed by its key id.
 */
public final class PublishedKeys {

    public static final String TOPIC = "tavern.vtt.subscription-keys.v1";
    private static final TopicContract CONTRACT = TopicContract.of(TOPIC);

    private PublishedKeys() {
    }

    /** A new RSA key pair, as an operator makes for a rotation. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public half of a private key, as the ingest service derives it. */
    public static RSAPublicKey publicKeyOf(PrivateKey key) {
        try {
            RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) key;
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key under its key id as a JSON Web Key: what the record carries, and the gateway stores. */
    public static String jwk(String keyId, RSAPublicKey key) {
        RsaJsonWebKey jwk = new RsaJsonWebKey(key);
        jwk.setKeyId(keyId);
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        return jwk.toJson(OutputControlLevel.PUBLIC_ONLY);
    }

    /** Publishes the key under its key id. */
    public static void publish(String keyId, RSAPublicKey key) {
        String value = """
                {"keyId":"%s","algorithm":"RS256","jwk":%s,"publishedAt":"%s"}""".formatted(keyId, jwk(keyId, key), Instant.now());
        CONTRACT.assertValid(value);
        write(keyId, value);
    }

    /** A tombstone: the key id's key is retired. */
    public static void retire(String keyId) {
        write(keyId, null);
    }

    private static void write(String keyId, String value) {
        try (TopicWriter topic = new TopicWriter(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers())) {
            topic.send(TOPIC, keyId, UUID.randomUUID().toString(), "tavern.vtt.subscription-key.published", value);
        }
    }
}
