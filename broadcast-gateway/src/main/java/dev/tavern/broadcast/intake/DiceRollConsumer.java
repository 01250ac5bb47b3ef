package dev.tavern.broadcast.intake;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.broadcast.channel.Broadcaster;
import dev.tavern.broadcast.channel.HistoryCatchUp;

/**
 * Every replica reads every roll (its own consumer group) and hands it to its own connections. A record off its
 * contract is thrown back, so the connector sends it to {@code tavern.vtt.dice-rolls.v1.dlq}; every replica reads
 * it, so the dead-letter topic gets one copy per replica, all with the record's {@code ce_id}.
 */
@ApplicationScoped
public class DiceRollConsumer {

    private final Broadcaster broadcaster;
    private final HistoryCatchUp catchUp;
    private final ObjectMapper objectMapper;

    DiceRollConsumer(Broadcaster broadcaster, HistoryCatchUp catchUp, ObjectMapper objectMapper) {
        this.broadcaster = broadcaster;
        this.catchUp = catchUp;
        this.objectMapper = objectMapper;
    }

    @Incoming("dice-rolls")
    public void consume(ConsumerRecord<String, String> record) {
        try {
            broadcaster.broadcast(DiceRoll.read(objectMapper, record.value()), record.partition(), record.offset());
        } catch (DiceRoll.OffContract e) {
            broadcaster.pass(record.partition(), record.offset());
            throw e;
        } finally {
            catchUp.read(record.partition(), record.offset());
        }
    }
}
