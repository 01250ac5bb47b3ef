package dev.tavern.broadcast.subscription;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Every replica reads every subscription signing key (its own consumer group, the whole compacted topic from its
 * beginning: {@link SubscriptionKeysReplay}). A key is accepted here at once, then written to the store
 * ({@link StoreRetry}); a tombstone retires its key id.
 */
@ApplicationScoped
public class SubscriptionKeyConsumer {

    private static final Logger LOG = Logger.getLogger(SubscriptionKeyConsumer.class);

    /** What the gateway reads of a {@code tavern.vtt.subscription-keys.v1} record. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PublishedKey(String keyId, String algorithm, JsonNode jwk, Instant publishedAt) {
    }

    private final SubscriptionKeys keys;
    private final SubscriptionKeysCatchUp catchUp;
    private final SubscriptionKeyStore store;
    private final ObjectMapper objectMapper;

    SubscriptionKeyConsumer(SubscriptionKeys keys, SubscriptionKeysCatchUp catchUp, SubscriptionKeyStore store, ObjectMapper objectMapper) {
        this.keys = keys;
        this.catchUp = catchUp;
        this.store = store;
        this.objectMapper = objectMapper;
    }

    @Incoming("subscription-keys")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Uni<Void> write;
        try {
            write = apply(record);
        } finally {
            catchUp.read(record.partition(), record.offset());
        }
        return StoreRetry.untilStored(write, "subscription key", record);
    }

    /** Puts the record in force on this replica; answers its write to the store, yet to be subscribed to. */
    private Uni<Void> apply(ConsumerRecord<String, String> record) {
        String keyId = record.key();
        if (keyId != null && record.value() == null) {
            keys.retire(keyId);
            LOG.infof("Subscription key %s retired: tokens signed with it are refused", keyId);
            return store.forget(keyId);
        }
        String jwk = keyId == null ? null : jwkOf(record);
        Optional<PublicKey> key = jwk == null ? Optional.empty() : SubscriptionKeys.verificationKey(keyId, jwk);
        if (key.isEmpty()) {
            LOG.errorf("Subscription key at offset %d of partition %d is off its contract: tokens under key id %s are verified as before",
                    record.offset(), record.partition(), keyId);
            return Uni.createFrom().voidItem();
        }
        keys.accept(keyId, key.get());
        LOG.infof("Subscription key %s accepted", keyId);
        return store.store(keyId, jwk);
    }

    /** The JWK of a record whose value is the contract's JSON for the record's key id; null for any other. */
    private String jwkOf(ConsumerRecord<String, String> record) {
        try {
            PublishedKey published = objectMapper.readValue(record.value(), PublishedKey.class);
            return record.key().equals(published.keyId()) && SubscriptionKeys.ALGORITHM.equals(published.algorithm())
                    && published.jwk() != null && published.jwk().isObject() ? published.jwk().toString() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
