package dev.tavern.webhook.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.webhook.delivery.DeliveryDispatcher;
import dev.tavern.webhook.delivery.DeliveryService;
import dev.tavern.webhook.delivery.WebhookPayloads;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Turns scheduling records that carry a {@code fromUrl} into deliveries, a poll's records at a time: one statement
 * inserts the deliveries of the whole batch. The batch is acknowledged (and its offsets committed) only once those
 * rows exist; a crash in between redelivers the records and the rows deduplicate on the CloudEvent id. A record that
 * is not the contract's JSON, or that no webhook can be made of, goes to the dead-letter topic instead of holding up
 * its partition.
 */
@ApplicationScoped
public class SchedulingEventConsumer {

    private static final Logger LOG = Logger.getLogger(SchedulingEventConsumer.class);

    /** Written by the producer's span (the scheduler's outbox relay): the delivery's attempts continue its trace. */
    private static final String TRACEPARENT = "traceparent";
    private static final Duration RETRY_MIN_BACKOFF = Duration.ofMillis(200);
    private static final Duration RETRY_MAX_BACKOFF = Duration.ofSeconds(10);

    private final DeliveryService deliveries;
    private final DeliveryDispatcher dispatcher;
    private final WebhookPayloads payloads;
    private final ObjectMapper objectMapper;

    SchedulingEventConsumer(DeliveryService deliveries, DeliveryDispatcher dispatcher, WebhookPayloads payloads,
                            ObjectMapper objectMapper) {
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.payloads = payloads;
        this.objectMapper = objectMapper;
    }

    @Incoming("scheduling-events")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<NewDelivery> toCreate = new ArrayList<>();
        List<Uni<Void>> deadLetters = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch) {
            try {
                NewDelivery delivery = deliveryOf(record);
                if (delivery != null) {
                    toCreate.add(delivery);
                }
            } catch (RuntimeException | JsonProcessingException unusable) {
                LOG.warnf("Scheduling record %s goes to the dead-letter topic: %s", position(record), unusable.getMessage());
                deadLetters.add(Uni.createFrom().completionStage(() -> record.nack(unusable)));
            }
        }
        // A database outage stalls the partitions instead of losing the records; the first attempts start at once,
        // after the rows are committed, without holding up the partitions.
        return deliveries.record(toCreate)
                .onFailure().invoke(failure -> LOG.warnf("Cannot record %d deliveries yet, retrying: %s", toCreate.size(), failure))
                .onFailure().retry().withBackOff(RETRY_MIN_BACKOFF, RETRY_MAX_BACKOFF).indefinitely()
                .invoke(created -> {
                    if (created > 0) {
                        dispatcher.dispatchSoon();
                    }
                })
                .call(created -> deadLetters.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(deadLetters).andFailFast())
                .call(() -> Uni.createFrom().completionStage(batch::ack))
                .replaceWithVoid();
    }

    /** The delivery a record asks for, or null for a scheduling change no community is told of (no fromUrl). */
    private NewDelivery deliveryOf(KafkaRecord<String, String> record) throws JsonProcessingException {
        SchedulingEvent event = objectMapper.readValue(record.getPayload(), SchedulingEvent.class);
        if (event.fromUrl() == null) {
            return null;
        }
        UUID cloudEventId = cloudEventId(record);
        LOG.debugf("Scheduling record %s (%s of event %d) becomes a delivery", cloudEventId, event.type(), event.eventId());
        return new NewDelivery(cloudEventId, event, payloads.render(event), header(record.getHeaders(), TRACEPARENT));
    }

    private static UUID cloudEventId(KafkaRecord<String, String> record) {
        String ceId = header(record.getHeaders(), "ce_id");
        if (ceId == null) {
            throw new IllegalArgumentException("Record " + position(record) + " has no ce_id header");
        }
        return UUID.fromString(ceId);
    }

    /** {@code topic-partition@offset}. */
    private static String position(KafkaRecord<String, String> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> metadata.getTopic() + "-" + metadata.getPartition() + "@" + metadata.getOffset())
                .orElse(record.getTopic() + "-" + record.getPartition());
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
