package dev.tavern.load.drill;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.load.RollTopicTail;

/**
 * The drill's rolls as a downstream consumer of {@code tavern.vtt.dice-rolls.v1} reads them, from the topic's end
 * onwards: every record of the drill's rolls is booked as an arrival of its VTT roll id with its Tavern roll id.
 */
final class RollTopicWatch implements AutoCloseable {

    private final ObjectMapper json;
    private final String itemPrefix;
    private final Ledger ledger;
    private final RollTopicTail tail;

    private RollTopicWatch(String bootstrapServers, ObjectMapper json, String itemPrefix, Ledger ledger) {
        this.json = json;
        this.itemPrefix = itemPrefix;
        this.ledger = ledger;
        this.tail = RollTopicTail.start(bootstrapServers, record -> book(record.value()));
    }

    /** Starts reading; every roll item starting with {@code itemPrefix} is booked in the ledger. */
    static RollTopicWatch start(DrillKit kit, String itemPrefix, Ledger ledger) {
        return new RollTopicWatch(kit.stack().tavern().infrastructure().kafkaBootstrapServers(), kit.json(), itemPrefix, ledger);
    }

    private void book(String value) {
        JsonNode roll;
        try {
            roll = json.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException("A record of " + RollTopicTail.TOPIC + " that is not JSON: " + value, e);
        }
        String item = roll.path("vttRollId").asText();
        if (item.startsWith(itemPrefix)) {
            ledger.seen(item, roll.path("id").asText());
        }
    }

    @Override
    public void close() throws InterruptedException {
        tail.close();
    }
}
