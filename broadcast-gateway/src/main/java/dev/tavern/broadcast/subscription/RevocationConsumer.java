package dev.tavern.broadcast.subscription;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Every replica reads every revocation (its own consumer group, from where the replicas' store says the topic was
 * read). A revocation is enforced here at once, then written to the store ({@link StoreRetry}).
 */
@ApplicationScoped
public class RevocationConsumer {

    private static final Logger LOG = Logger.getLogger(RevocationConsumer.class);

    /** What the gateway reads of a {@code tavern.vtt.subscription-revocations.v1} record. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenRevocation(String tokenId, Instant expiresAt) {
    }

    private final Revocations revocations;
    private final RevocationsCatchUp catchUp;
    private final RevocationStore store;
    private final ObjectMapper objectMapper;

    RevocationConsumer(Revocations revocations, RevocationsCatchUp catchUp, RevocationStore store, ObjectMapper objectMapper) {
        this.revocations = revocations;
        this.catchUp = catchUp;
        this.store = store;
        this.objectMapper = objectMapper;
    }

    @Incoming("subscription-revocations")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        TokenRevocation revocation = read(record);
        try {
            if (revocation != null) {
                revocations.revoke(revocation.tokenId(), revocation.expiresAt());
            }
        } finally {
            catchUp.read(record.partition(), record.offset());
        }
        return StoreRetry.untilStored(store.record(record.partition(), record.offset(), revocation == null ? null : revocation.tokenId(),
                revocation == null ? null : revocation.expiresAt()), "revocation", record);
    }

    /** The revocation a record carries, or null (logged) for one off its contract: its token stays admitted. */
    private TokenRevocation read(ConsumerRecord<String, String> record) {
        try {
            TokenRevocation revocation = record.value() == null ? null : objectMapper.readValue(record.value(), TokenRevocation.class);
            if (revocation != null && revocation.tokenId() != null && revocation.expiresAt() != null) {
                return revocation;
            }
            LOG.errorf("Revocation at offset %d of partition %d is off its contract: its token stays admitted",
                    record.offset(), record.partition());
        } catch (JsonProcessingException e) {
            LOG.errorf("Revocation at offset %d of partition %d is not JSON: its token stays admitted", record.offset(), record.partition());
        }
        return null;
    }
}
