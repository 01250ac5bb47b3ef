package dev.tavern.broadcast.subscription;

import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.Use;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The keys subscription tokens are verified with, by key id ({@code kid}), as vtt-ingest-service publishes them on
 * {@code tavern.vtt.subscription-keys.v1}: every replica reads the whole topic at start and follows it. A replica also
 * starts from the keys the replicas stored in the gateway's schema, so it knows every stored key without Kafka. Where
 * both speak of a key id, the topic wins: the store may still hold a key the topic has since replaced or retired.
 */
@ApplicationScoped
public class SubscriptionKeys {

    private static final Logger LOG = Logger.getLogger(SubscriptionKeys.class);
    static final String ALGORITHM = "RS256";

    /** Per key id, its key; empty once the topic retired it, so that a late load from the store does not bring it back. */
    private final Map<String, Optional<PublicKey>> byKeyId = new ConcurrentHashMap<>();

    SubscriptionKeys(MeterRegistry metrics) {
        Gauge.builder("tavern.broadcast.subscription.keys", byKeyId, keys -> keys.values().stream().filter(Optional::isPresent).count())
                .description("Subscription signing keys this node accepts, from tavern.vtt.subscription-keys.v1 or its store")
                .register(metrics);
    }

    /** In the background: a replica that cannot reach Postgres reads every key from the topic instead. */
    void restoreAtStart(@Observes StartupEvent event, SubscriptionKeyStore store) {
        store.load().subscribe().with(stored -> {
            stored.forEach((keyId, jwk) -> verificationKey(keyId, jwk).ifPresent(key -> byKeyId.putIfAbsent(keyId, Optional.of(key))));
            LOG.infof("Loaded %d subscription keys from the store", stored.size());
        }, failure -> LOG.warnf("Cannot load subscription keys from the store, reading them from the topic only: %s", failure));
    }

    /**
     * The published key that the token's header names ({@code kid}); empty for a key id never published or retired, and
     * for anything that is not a signed token.
     */
    public Optional<PublicKey> forToken(String token) {
        try {
            String keyId = JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue();
            return keyId == null ? Optional.empty() : byKeyId.getOrDefault(keyId, Optional.empty());
        } catch (JoseException e) {
            return Optional.empty();
        }
    }

    /** Verifies tokens under the key id with this key from now on, whatever the store said. */
    void accept(String keyId, PublicKey key) {
        byKeyId.put(keyId, Optional.of(key));
    }

    /** Verifies no token with a published key under this id from now on. */
    void retire(String keyId) {
        byKeyId.put(keyId, Optional.empty());
    }

    /** The public key of a JWK that is an RS256 signing key under this key id; empty for any other JWK. */
    static Optional<PublicKey> verificationKey(String keyId, String jwk) {
        try {
            if (JsonWebKey.Factory.newJwk(jwk) instanceof RsaJsonWebKey rsa && keyId.equals(rsa.getKeyId())
                    && ALGORITHM.equals(rsa.getAlgorithm()) && Use.SIGNATURE.equals(rsa.getUse())) {
                return Optional.of(rsa.getRsaPublicKey());
            }
        } catch (JoseException e) {
            LOG.debugf("Subscription key %s is no JSON Web Key: %s", keyId, e.getMessage());
        }
        return Optional.empty();
    }
}
