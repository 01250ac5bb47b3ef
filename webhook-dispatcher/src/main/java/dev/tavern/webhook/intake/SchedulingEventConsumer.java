package dev.tavern.webhook.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.webhook.delivery.DeliveryDispatcher;
import dev.tavern.webhook.delivery.DeliveryService;
import dev.tavern.webhook.delivery.WebhookPayloads;
import io.smallrye.mutiny.Uni;

/**
 * Turns scheduling records that carry a {@code fromUrl} into deliveries. The record is
 * acknowledged (and its offset committed) only once its delivery row exists; a crash in
 * between redelivers the record and the row deduplicates on the CloudEvent id. A record
 * that is not the contract's JSON, or that no webhook can be made of, goes to the dead-letter
 * topic instead of holding up its partition.
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
    public Uni<Void> consume(ConsumerRecord<String, String> record) throws JsonProcessingException {
        SchedulingEvent event = objectMapper.readValue(record.value(), SchedulingEvent.class);
        if (event.fromUrl() == null) {
            return Uni.createFrom().voidItem();
        }
        UUID cloudEventId = cloudEventId(record);
        // Rendered before the retry loop below: a record no webhook can be made of fails here, once.
        String payload = payloads.render(event);
        LOG.debugf("Scheduling record %s (%s of event %d) becomes a delivery", cloudEventId, event.type(), event.eventId());
        // A database outage stalls the partition instead of losing the record; the first attempt
        // starts at once, after the row is committed, without holding up the partition.
        return deliveries.record(cloudEventId, event, payload, header(record, TRACEPARENT))
                .onFailure().invoke(failure -> LOG.warnf("Cannot record delivery of %s yet, retrying: %s", cloudEventId, failure))
                .onFailure().retry().withBackOff(RETRY_MIN_BACKOFF, RETRY_MAX_BACKOFF).indefinitely()
                .invoke(created -> created.ifPresent(id -> dispatcher.dispatchSoon()))
                .replaceWithVoid();
    }

    private static UUID cloudEventId(ConsumerRecord<String, String> record) {
        String ceId = header(record, "ce_id");
        if (ceId == null) {
            throw new IllegalArgumentException("Record at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " has no ce_id header");
        }
        return UUID.fromString(ceId);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
