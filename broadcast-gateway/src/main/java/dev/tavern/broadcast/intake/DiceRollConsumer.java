package dev.tavern.broadcast.intake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.broadcast.channel.Broadcaster;
import dev.tavern.broadcast.channel.Delivery;
import dev.tavern.broadcast.channel.HistoryCatchUp;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Every replica reads every roll (its own consumer group) and hands it to its own connections. A record off its
 * contract is thrown back, so the connector sends it to {@code tavern.vtt.dice-rolls.v1.dlq}; every replica reads
 * it, so the dead-letter topic gets one copy per replica, all with the record's {@code ce_id}.
 */
@ApplicationScoped
public class DiceRollConsumer {

    /** Reads the trace context the producer's span (the ingest service's outbox relay) wrote into the record. */
    private static final TextMapGetter<Headers> RECORD_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return () -> StreamSupport.stream(headers.spliterator(), false).map(Header::key).iterator();
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final Broadcaster broadcaster;
    private final HistoryCatchUp catchUp;
    private final ObjectMapper objectMapper;
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    DiceRollConsumer(Broadcaster broadcaster, HistoryCatchUp catchUp, ObjectMapper objectMapper, Tracer tracer,
                     OpenTelemetry openTelemetry) {
        this.broadcaster = broadcaster;
        this.catchUp = catchUp;
        this.objectMapper = objectMapper;
        this.tracer = tracer;
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /**
     * A poll's records at a time, in their order: the connector's per-message work (a message, its acknowledgement, a
     * pipeline) was most of this replica's CPU per roll when each record was one. Each roll's fan-out is a span in the
     * trace of the request that recorded it, from the POST to the frames sent. It only hands frames to the event loops,
     * one task per loop for the whole poll ({@link Delivery}), so it runs on the connector's event loop. A record off
     * its contract is sent to the dead-letter topic on its own.
     */
    @Incoming("dice-rolls")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<Uni<Void>> deadLetters = new ArrayList<>();
        Delivery delivery = broadcaster.delivery();
        try {
            for (KafkaRecord<String, String> record : batch) {
                IncomingKafkaRecordMetadata<?, ?> metadata = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
                try {
                    broadcast(record, metadata.getPartition(), metadata.getOffset(), delivery);
                } catch (DiceRoll.OffContract offContract) {
                    deadLetters.add(Uni.createFrom().completionStage(() -> record.nack(offContract)));
                }
            }
        } finally {
            delivery.send();
        }
        Uni<?> setAside = deadLetters.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(deadLetters).andFailFast();
        return setAside.call(() -> Uni.createFrom().completionStage(batch::ack)).replaceWithVoid();
    }

    private void broadcast(KafkaRecord<String, String> record, int partition, long offset, Delivery delivery) {
        Span span = tracer.spanBuilder("broadcast dice roll")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(propagator.extract(Context.root(), record.getHeaders(), RECORD_HEADERS))
                .setAttribute("messaging.kafka.offset", offset)
                .setAttribute("messaging.destination.partition.id", Integer.toString(partition))
                .startSpan();
        try (Scope scope = span.makeCurrent()) {
            broadcaster.broadcast(DiceRoll.read(objectMapper, record.getPayload()), partition, offset, delivery);
        } catch (DiceRoll.OffContract e) {
            span.setStatus(StatusCode.ERROR, "Off its contract");
            broadcaster.pass(partition, offset);
            throw e;
        } finally {
            catchUp.read(partition, offset);
            span.end();
        }
    }
}
