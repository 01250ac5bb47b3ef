package dev.tavern.broadcast.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.broadcast.GatewayConfig;
import dev.tavern.broadcast.intake.DiceRoll;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/** Sends each roll, as the API document's event, to every connection of every channel it belongs on. */
@ApplicationScoped
public class Broadcaster {

    private static final Logger LOG = Logger.getLogger(Broadcaster.class);

    /** Application close code (RFC 6455 private range): the client did not read fast enough. */
    public static final int TOO_SLOW = 4001;

    private final ChannelRegistry registry;
    private final ChannelHistory history;
    private final ObjectMapper objectMapper;
    private final GatewayConfig config;
    private final Map<String, Counter> delivered;
    private final Map<String, Counter> dropped;
    private final Timer deliveryLatency;

    Broadcaster(ChannelRegistry registry, ChannelHistory history, ObjectMapper objectMapper, GatewayConfig config,
                MeterRegistry metrics) {
        this.registry = registry;
        this.history = history;
        this.objectMapper = objectMapper;
        this.config = config;
        // Registered once: the fan-out path only increments them.
        this.delivered = Map.of("campaign", metrics.counter("tavern.broadcast.messages.delivered", "type", "campaign"),
                "streamer", metrics.counter("tavern.broadcast.messages.delivered", "type", "streamer"));
        this.dropped = Map.of("campaign", metrics.counter("tavern.broadcast.messages.dropped", "type", "campaign"),
                "streamer", metrics.counter("tavern.broadcast.messages.dropped", "type", "streamer"));
        this.deliveryLatency = Timer.builder("tavern.broadcast.delivery.latency")
                .description("From the roll's recording by the ingest service to its frame being written to a client")
                .publishPercentileHistogram().register(metrics);
    }

    /**
     * Keeps the roll in the history of every channel it belongs on and sends it to their
     * connections; a roll read again (after a rebalance) is not sent twice. A connection whose
     * earlier messages are still queued past the bound is closed instead of slowing the others.
     */
    public void broadcast(DiceRoll roll, int partition, long offset) {
        String frame = frame(roll, offset);
        for (String channel : Channels.of(roll)) {
            synchronized (history.lockOf(channel)) {
                if (history.remember(channel, new ChannelHistory.Message(partition, offset, roll.recordedAt(), frame))) {
                    send(channel, roll, frame);
                }
            }
        }
    }

    private void send(String channel, DiceRoll roll, String frame) {
        String type = channel.substring(0, channel.indexOf('/'));
        Counter deliveredHere = delivered.get(type);
        Counter droppedHere = dropped.get(type);
        registry.connections(channel).forEach((connection, queued) -> {
            if (queued.incrementAndGet() > config.maxQueuedMessages()) {
                queued.decrementAndGet();
                droppedHere.increment();
                connection.close(new CloseReason(TOO_SLOW, "Too slow: messages were piling up")).subscribe().with(c -> { }, f -> { });
                return;
            }
            connection.sendText(frame).subscribe().with(
                    sent -> {
                        queued.decrementAndGet();
                        deliveredHere.increment();
                        if (roll.recordedAt() != null) {
                            deliveryLatency.record(Duration.between(roll.recordedAt(), Instant.now()));
                        }
                    },
                    failure -> {
                        queued.decrementAndGet();
                        LOG.debugf("Roll %s not sent to connection %s: %s", roll.id(), connection.id(), failure);
                    });
        });
    }

    /** {@code {"type":"dice:roll"|"dice:critical","offset":N,"data":{...}}} with the document's data fields. */
    String frame(DiceRoll roll, long offset) {
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
        event.put("offset", offset);
        event.put("data", data);
        try {
            return objectMapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Roll " + roll.id() + " cannot be rendered", e);
        }
    }
}
