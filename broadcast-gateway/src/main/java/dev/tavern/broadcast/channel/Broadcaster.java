package dev.tavern.broadcast.channel;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import dev.tavern.broadcast.GatewayConfig;
import dev.tavern.broadcast.intake.DiceRoll;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Sends each roll, as the API document's event, to every connection of every channel it belongs on, and admits new
 * connections at a channel position. One lock orders the two: a roll is read, kept and sent as one step, and a
 * connection is caught up and joined as one step, so a joining client gets every roll read after its position exactly
 * once, either in its catch-up or live.
 * <p>
 * Every frame carries the position this replica had read up to when it sent the roll ({@link ChannelPosition}); a
 * connection starts with a {@code subscribed} frame that tells its position before anything else arrives. A client
 * that comes back with a position this replica has not read up to yet (it came from a replica that is ahead) waits,
 * unjoined, until this replica has: otherwise a roll would reach it twice. It is told to resync after
 * {@code catch-up-timeout}.
 */
@ApplicationScoped
public class Broadcaster {

    /** Application close code (RFC 6455 private range): the client did not read fast enough. */
    public static final int TOO_SLOW = 4001;
    static final String RESYNC = "{\"type\":\"resync\"}";

    private final ChannelRegistry registry;
    private final ChannelHistory history;
    private final ObjectWriter dataWriter;
    private final GatewayConfig config;
    /** By kind of channel ({@link Delivery#CAMPAIGN}, {@link Delivery#STREAMER}). */
    private final Counter[] delivered;
    private final Counter[] dropped;
    private final Timer intakeLatency;
    private final Timer deliveryLatency;
    /** Per partition, the offset of the last record read here, -1 before the first. */
    private long[] read = new long[0];
    /** Connections that came back with a position this replica has not read up to yet. */
    private final List<Waiting> waiting = new ArrayList<>();

    private record Waiting(Subscriber subscriber, ChannelPosition since, Instant deadline) {
    }

    Broadcaster(ChannelRegistry registry, ObjectMapper objectMapper, GatewayConfig config, MeterRegistry metrics) {
        this.registry = registry;
        this.history = new ChannelHistory(config);
        this.dataWriter = objectMapper.writerFor(RollData.class);
        this.config = config;
        // Registered once: the fan-out path only increments them.
        this.delivered = new Counter[] {metrics.counter("tavern.broadcast.messages.delivered", "type", "campaign"),
                metrics.counter("tavern.broadcast.messages.delivered", "type", "streamer")};
        this.dropped = new Counter[] {metrics.counter("tavern.broadcast.messages.dropped", "type", "campaign"),
                metrics.counter("tavern.broadcast.messages.dropped", "type", "streamer")};
        this.intakeLatency = Timer.builder("tavern.broadcast.intake.latency")
                .description("From the roll's recording by the ingest service to this replica reading its record")
                .publishPercentileHistogram().register(metrics);
        this.deliveryLatency = Timer.builder("tavern.broadcast.delivery.latency")
                .description("From the roll's recording by the ingest service to its frame being handed to the clients' sockets,"
                        + " once per message, channel and event loop")
                .publishPercentileHistogram().register(metrics);
        Gauge.builder("tavern.broadcast.history.channels", history, ChannelHistory::channelsKept)
                .description("Channels whose recent messages this node keeps for returning clients").register(metrics);
        Gauge.builder("tavern.broadcast.history.messages", history, ChannelHistory::messagesKept)
                .description("Messages this node keeps for returning clients").register(metrics);
        Gauge.builder("tavern.broadcast.history.bytes", history, ChannelHistory::bytesKept).baseUnit("bytes")
                .description("Bytes of the messages' data this node keeps for returning clients, outside the heap").register(metrics);
    }

    /** Forgets what has left the window even when no roll comes, and tells clients that waited too long to resync. */
    void sweepEverySecond(@Observes StartupEvent event, Vertx vertx) {
        vertx.setPeriodic(1000, id -> sweep(Instant.now()));
    }

    /** This replica reads the partition from {@code offset} on (a partition read again keeps what was read). */
    public synchronized void readingFrom(int partition, long offset) {
        if (partition >= read.length) {
            int known = read.length;
            read = Arrays.copyOf(read, partition + 1);
            Arrays.fill(read, known, read.length, -1);
            read[partition] = offset - 1;
        }
        history.readingFrom(partition, offset);
    }

    /** An empty delivery for one poll's rolls. */
    public Delivery delivery() {
        return new Delivery(delivered, dropped, deliveryLatency);
    }

    /**
     * Keeps the roll in the history of every channel it belongs on and adds its frames for their connections to the
     * poll's delivery; a roll read again (after a rebalance) is not sent twice. A connection whose earlier messages are
     * still queued past the bound is closed instead of slowing the others.
     */
    public synchronized void broadcast(DiceRoll roll, int partition, long offset, Delivery delivery) {
        if (!advance(partition, offset)) {
            return;
        }
        Instant readAt = Instant.now();
        intakeLatency.record(Duration.between(roll.recordedAt(), readAt));
        ChannelPosition position = ChannelPosition.of(read);
        String type = roll.isCritical() ? "dice:critical" : "dice:roll";
        byte[] data = data(roll);
        String[] channels = Channels.of(roll).toArray(String[]::new);
        history.keep(new ChannelHistory.Message(partition, offset, roll.recordedAt(), channels, type, position, data), readAt);
        // Encoded only when one of its channels has a connection here: otherwise a roll costs its history entry alone.
        ByteBuf frame = null;
        try {
            for (String channel : channels) {
                Map<EventLoop, Subscriber[]> groups = registry.groups(channel);
                if (!groups.isEmpty()) {
                    frame = frame != null ? frame : frame(type, offset, position, data);
                    delivery.add(groups, frame, Channels.isCampaign(channel) ? Delivery.CAMPAIGN : Delivery.STREAMER,
                            roll.recordedAt());
                }
            }
        } finally {
            if (frame != null) {
                frame.release();
            }
        }
        admitWaiting(Instant.now());
    }

    /** A record that reaches no channel (off its contract) still moves this replica's position past it. */
    public synchronized void pass(int partition, long offset) {
        if (advance(partition, offset)) {
            admitWaiting(Instant.now());
        }
    }

    /**
     * Admits a connection to its channel: at once without {@code since}; with it, after what it missed (or
     * {@code resync} when history cannot tell), or, when it is ahead of this replica, once this replica has caught up.
     */
    synchronized void subscribe(Subscriber subscriber, String since) {
        if (since == null) {
            join(subscriber);
            return;
        }
        Optional<ChannelPosition> position = ChannelPosition.parse(since).filter(p -> p.partitions() == read.length);
        if (position.isEmpty()) {
            send(subscriber, RESYNC);
            join(subscriber);
        } else if (!position.get().reachedBy(read)) {
            waiting.add(new Waiting(subscriber, position.get(), Instant.now().plus(config.catchUpTimeout())));
        } else {
            catchUp(subscriber, position.get());
        }
    }

    synchronized void unsubscribe(Subscriber subscriber) {
        waiting.removeIf(w -> w.subscriber() == subscriber);
        registry.leave(subscriber);
    }

    synchronized void sweep(Instant now) {
        history.forgetOlderThan(now);
        admitWaiting(now);
    }

    private boolean advance(int partition, long offset) {
        if (partition >= read.length) {
            readingFrom(partition, offset);
        }
        if (offset <= read[partition]) {
            return false;
        }
        read[partition] = offset;
        return true;
    }

    private void admitWaiting(Instant now) {
        for (Iterator<Waiting> each = waiting.iterator(); each.hasNext(); ) {
            Waiting next = each.next();
            if (next.since().reachedBy(read)) {
                each.remove();
                catchUp(next.subscriber(), next.since());
            } else if (now.isAfter(next.deadline())) {
                each.remove();
                send(next.subscriber(), RESYNC);
                join(next.subscriber());
            }
        }
    }

    /** What the client missed since its position, each with the later of its position and the message's. */
    private void catchUp(Subscriber subscriber, ChannelPosition since) {
        history.after(subscriber.channel(), since).ifPresentOrElse(
                missed -> missed.forEach(m -> send(subscriber, frame(m.type(), m.offset(), since.max(m.position()), m.data()))),
                () -> send(subscriber, RESYNC));
        join(subscriber);
    }

    private void join(Subscriber subscriber) {
        send(subscriber, "{\"type\":\"subscribed\",\"position\":\"" + ChannelPosition.of(read) + "\"}");
        registry.join(subscriber);
    }

    /** A frame for one connection, after everything handed to it before. */
    private static void send(Subscriber subscriber, String text) {
        send(subscriber, TextFrame.of(text));
    }

    private static void send(Subscriber subscriber, ByteBuf frame) {
        try {
            subscriber.send(frame);
        } finally {
            frame.release();
        }
    }

    /** {@code {"type":"dice:roll"|"dice:critical","offset":N,"position":"...","data":{...}}}, around the rendered data. */
    private static ByteBuf frame(String type, long offset, ChannelPosition position, byte[] data) {
        return TextFrame.of("{\"type\":\"" + type + "\",\"offset\":" + offset + ",\"position\":\"" + position + "\",\"data\":", data, "}");
    }

    /** The document's data fields, in its order. */
    @JsonPropertyOrder({"id", "characterName", "rollFormula", "result", "diceResults", "isCritical", "criticalType", "isHidden",
            "rollType", "timestamp"})
    private record RollData(UUID id, String characterName, String rollFormula, BigDecimal result, List<BigDecimal> diceResults,
                            @JsonProperty("isCritical") boolean isCritical, String criticalType,
                            @JsonProperty("isHidden") boolean isHidden, String rollType, Instant timestamp) {
    }

    /** The data, rendered once per roll to the UTF-8 that history keeps and every frame carries. */
    private byte[] data(DiceRoll roll) {
        try {
            return dataWriter.writeValueAsBytes(new RollData(roll.id(), roll.characterName(), roll.rollFormula(), roll.result(),
                    roll.diceResults(), roll.isCritical(), roll.criticalType(), roll.isHidden(), roll.rollType(), roll.recordedAt()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Roll " + roll.id() + " cannot be rendered", e);
        }
    }
}
