package dev.tavern.broadcast.subscription;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every replica reads every revocation (its own consumer group, from the topic's beginning). */
@ApplicationScoped
public class RevocationConsumer {

    private static final Logger LOG = Logger.getLogger(RevocationConsumer.class);

    /** What the gateway reads of a {@code tavern.vtt.subscription-revocations.v1} record. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenRevocation(String tokenId, Instant expiresAt) {
    }

    private final Revocations revocations;
    private final RevocationsCatchUp catchUp;
    private final ObjectMapper objectMapper;

    RevocationConsumer(Revocations revocations, RevocationsCatchUp catchUp, ObjectMapper objectMapper) {
        this.revocations = revocations;
        this.catchUp = catchUp;
        this.objectMapper = objectMapper;
    }

    @Incoming("subscription-revocations")
    public void consume(ConsumerRecord<String, String> record) {
        try {
            TokenRevocation revocation = record.value() == null ? null : objectMapper.readValue(record.value(), TokenRevocation.class);
            if (revocation == null || revocation.tokenId() == null || revocation.expiresAt() == null) {
                LOG.errorf("Revocation at offset %d of partition %d is off its contract: its token stays admitted",
                        record.offset(), record.partition());
            } else {
                revocations.revoke(revocation.tokenId(), revocation.expiresAt());
            }
        } catch (JsonProcessingException e) {
            LOG.errorf("Revocation at offset %d of partition %d is not JSON: its token stays admitted", record.offset(), record.partition());
        } finally {
            catchUp.read(record.partition(), record.offset());
        }
    }
}
