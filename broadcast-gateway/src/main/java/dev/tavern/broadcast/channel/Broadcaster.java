package dev.tavern.broadcast.channel;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.broadcast.intake.DiceRoll;
import io.quarkus.websockets.next.WebSocketConnection;

/** Sends each roll, as the API document's event, to every connection of every channel it belongs on. */
@ApplicationScoped
public class Broadcaster {

    private static final Logger LOG = Logger.getLogger(Broadcaster.class);

    private final ChannelRegistry registry;
    private final ObjectMapper objectMapper;

    Broadcaster(ChannelRegistry registry, ObjectMapper objectMapper) {
        this.registry = registry;
        this.objectMapper = objectMapper;
    }

    public void broadcast(DiceRoll roll) {
        String frame = frame(roll);
        for (String channel : Channels.of(roll)) {
            for (WebSocketConnection connection : registry.connections(channel)) {
                connection.sendText(frame).subscribe().with(
                        sent -> { },
                        failure -> LOG.debugf("Roll %s not sent to connection %s: %s", roll.id(), connection.id(), failure));
            }
        }
    }

    /** {@code {"type":"dice:roll"|"dice:critical","data":{...}}} with the document's data fields. */
    String frame(DiceRoll roll) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", roll.id());
        data.put("characterName", roll.characterName());
        data.put("rollFormula", roll.rollFormula());
        data.put("result", roll.result());
        data.put("diceResults", roll.diceResults());
        data.put("isCritical", roll.isCritical());
        data.put("criticalType", roll.criticalType());
        data.put("isHidden", roll.isHidden());
        data.put("rollType", roll.rollType());
        data.put("timestamp", roll.recordedAt());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", roll.isCritical() ? "dice:critical" : "dice:roll");
        event.put("data", data);
        try {
            return objectMapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Roll " + roll.id() + " cannot be rendered", e);
        }
    }
}
