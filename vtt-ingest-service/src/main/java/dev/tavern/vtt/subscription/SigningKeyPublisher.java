package dev.tavern.vtt.subscription;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey.OutputControlLevel;
import org.jose4j.jwk.RsaJsonWebKey;

import dev.tavern.outbox.Outbox;
import dev.tavern.outbox.OutboxRecord;
import dev.tavern.vtt.IngestConfig;
import dev.tavern.vtt.Rows;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes the public half of the key this service signs subscription tokens with on
 * {@code tavern.vtt.subscription-keys.v1}, under its key id, so every gateway replica verifies the tokens without being
 * configured with it: starting with a new key and key id is the whole rotation.
 *
 * <p>At start it derives the public key from the configured private key, then, in one statement, records it under its
 * key id and writes the outbox record only if that inserted the row or changed its key. Replicas that start together,
 * or again, therefore publish a key once (a relay that dies before marking the record sent publishes it again, with
 * the same content). The database is written in the background, retried until it answers, so start-up never waits for
 * it.
 */
@ApplicationScoped
public class SigningKeyPublisher {

    private static final Logger LOG = Logger.getLogger(SigningKeyPublisher.class);

    public static final String TOPIC = "tavern.vtt.subscription-keys.v1";
    static final String PUBLISHED_TYPE = "tavern.vtt.subscription-key.published";
    static final String ALGORITHM = "RS256";
    private static final Duration RETRY_MIN_BACKOFF = Duration.ofSeconds(1);
    private static final Duration RETRY_MAX_BACKOFF = Duration.ofSeconds(30);

    private final Pool pool;
    private final Outbox outbox;
    private final String keyId;
    private final Optional<String> signKey;
    private final Optional<String> signKeyLocation;
    private final String publishSql;
    private volatile Cancellable publishing;

    SigningKeyPublisher(Pool pool, Outbox outbox, IngestConfig config,
                        @ConfigProperty(name = "smallrye.jwt.sign.key") Optional<String> signKey,
                        @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> signKeyLocation,
                        @ConfigProperty(name = "quarkus.flyway.default-schema") String schema) {
        this.pool = pool;
        this.outbox = outbox;
        this.keyId = config.subscription().keyId();
        this.signKey = signKey;
        this.signKeyLocation = signKeyLocation;
        // The key's JSON is compared as jsonb: the same key written with its members in another order is no change.
        this.publishSql = ("""
                WITH published AS (
                    INSERT INTO %1$s.subscription_signing_key (key_id, jwk, published_at) VALUES ($1, $2, $3)
                    ON CONFLICT (key_id) DO UPDATE SET jwk = EXCLUDED.jwk, published_at = EXCLUDED.published_at
                    WHERE subscription_signing_key.jwk::jsonb IS DISTINCT FROM EXCLUDED.jwk::jsonb
                    RETURNING key_id)
                INSERT INTO %1$s.outbox_message (""" + OutboxRecord.COLUMNS + ") SELECT " + OutboxRecord.values(4) + " FROM published")
                .formatted(schema);
    }

    /** On the main thread, which may read the key from its location; the database is not waited for. */
    void publishAtStart(@Observes StartupEvent event) {
        RSAPublicKey key;
        try {
            key = publicKey();
        } catch (IOException | GeneralSecurityException | IllegalStateException e) {
            // Issuing tokens fails the same way, with its own error; the service still serves rolls.
            LOG.errorf("Subscription signing key %s is not published: %s", keyId, e.getMessage());
            return;
        }
        publishing = publish(keyId, key)
                .onFailure().invoke(failure -> LOG.warnf("Cannot publish subscription signing key %s yet, retrying: %s", keyId, failure))
                .onFailure().retry().withBackOff(RETRY_MIN_BACKOFF, RETRY_MAX_BACKOFF).indefinitely()
                .subscribe().with(published -> LOG.infof(published ? "Published subscription signing key %s"
                        : "Subscription signing key %s was published before", keyId), failure -> { });
    }

    void stop(@Observes ShutdownEvent event) {
        if (publishing != null) {
            publishing.cancel();
        }
    }

    /** Whether this call published the key: false when it was already recorded (and published) under its key id. */
    Uni<Boolean> publish(String keyId, RSAPublicKey key) {
        RsaJsonWebKey jwk = new RsaJsonWebKey(key);
        jwk.setKeyId(keyId);
        jwk.setAlgorithm(ALGORITHM);
        jwk.setUse("sig");
        // Milliseconds, like the other records' timestamps.
        Instant publishedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OutboxRecord record = outbox.prepare(TOPIC, keyId, PUBLISHED_TYPE,
                new PublishedSigningKey(keyId, ALGORITHM, jwk.toParams(OutputControlLevel.PUBLIC_ONLY), publishedAt));
        Tuple parameters = Tuple.of(keyId, jwk.toJson(OutputControlLevel.PUBLIC_ONLY), Rows.timestamp(publishedAt));
        return pool.preparedQuery(publishSql).execute(record.addTo(parameters))
                .map(rows -> {
                    boolean published = rows.rowCount() > 0;
                    if (published) {
                        outbox.committed();
                    }
                    return published;
                });
    }

    /**
     * The public key of the private key tokens are signed with, read as smallrye-jwt reads it to sign: from
     * {@code smallrye.jwt.sign.key.location} (PEM or JWK), else {@code smallrye.jwt.sign.key} (PEM).
     */
    private RSAPublicKey publicKey() throws IOException, GeneralSecurityException {
        Key key = signKeyLocation.isPresent()
                ? KeyUtils.readSigningKey(signKeyLocation.get(), keyId, SignatureAlgorithm.RS256)
                : KeyUtils.tryAsPemSigningPrivateKey(signKey.orElseThrow(() -> new IllegalStateException(
                        "no private key is configured (SMALLRYE_JWT_SIGN_KEY)")), SignatureAlgorithm.RS256);
        // A PKCS#8 or PKCS#1 RSA key carries its public exponent beside the modulus: the public key is derived, not configured.
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalStateException("the configured private key is not an RSA key (PEM, or JWK at a location) with its public exponent");
        }
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
    }
}
