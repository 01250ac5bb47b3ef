package dev.tavern.broadcast.intake;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.broadcast.channel.Broadcaster;
import dev.tavern.broadcast.channel.HistoryCatchUp;

/** Every replica reads every roll (its own consumer group) and hands it to its own connections. */
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
    public void consume(ConsumerRecord<String, String> record) throws JsonProcessingException {
        try {
            broadcaster.broadcast(objectMapper.readValue(record.value(), DiceRoll.class), record.partition(), record.offset());
        } finally {
            catchUp.read(record.partition(), record.offset());
        }
    }
}
