package dev.tavern.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;

import io.smallrye.common.annotation.Identifier;

/**
 * The relay's Kafka producer: a plain client, without a messaging channel, because the relay already has what a
 * channel adds per message (a batch, its own acknowledgement handling, the stored trace context), and that per-message
 * machinery was most of the relay's share of the CPU and allocations under load (docs/performance.md).
 *
 * <p>It connects with the service's {@code kafka.*} settings (bootstrap servers, security) and takes its tuning from
 * {@code tavern.outbox-producer.*}, which names Kafka producer settings as they are
 * ({@code TAVERN_OUTBOX_PRODUCER_LINGER_MS} overrides {@code linger.ms}). It always acknowledges with every in-sync
 * replica and idempotently: the relay marks a record sent only on that acknowledgement.
 *
 * <p>{@code send} may block (waiting for a broker's metadata, or for room in its buffer), so a batch is handed to the
 * producer on a thread of its own, never on an event loop. Its metrics are Kafka's, in {@code /q/metrics}.
 */
@Singleton
class OutboxProducer {

    private static final String SETTINGS = "tavern.outbox-producer.";
    /** Records still waiting for the broker at shutdown get this long; those it does not take go out again later. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Producer<String, String> producer;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "tavern-outbox-producer");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    OutboxProducer(@Identifier("default-kafka-broker") Map<String, Object> broker, Config config, Event<Producer<?, ?>> created) {
        this(settings(broker, config));
        // Quarkus binds the metrics of every Kafka client announced this way.
        created.fire(producer);
    }

    OutboxProducer(Map<String, Object> settings) {
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    static Map<String, Object> settings(Map<String, Object> broker, Config config) {
        Map<String, Object> settings = new HashMap<>(broker);
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(SETTINGS)) {
                config.getOptionalValue(name, String.class).ifPresent(value -> settings.put(name.substring(SETTINGS.length()), value));
            }
        }
        settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "tavern-outbox");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return settings;
    }

    /** Which records of a batch the broker acknowledged, and why the first one it did not take failed. */
    record Outcomes(boolean[] acknowledged, Exception firstFailure) {

        int refused() {
            int refused = 0;
            for (boolean taken : acknowledged) {
                refused += taken ? 0 : 1;
            }
            return refused;
        }
    }

    /**
     * Sends the records in their order and completes once every one has an outcome; it never fails. When the producer
     * cannot take a record at all (no broker answered for its metadata within {@code max.block.ms}), the rest of the
     * batch is not tried: each would wait as long again.
     */
    CompletableFuture<Outcomes> send(List<ProducerRecord<String, String>> records) {
        boolean[] acknowledged = new boolean[records.size()];
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        CompletableFuture<Outcomes> outcomes = new CompletableFuture<>();
        AtomicInteger pending = new AtomicInteger(records.size());
        Consumer<Exception> settle = failure -> {
            if (failure != null) {
                firstFailure.compareAndSet(null, failure);
            }
            if (pending.decrementAndGet() == 0) {
                outcomes.complete(new Outcomes(acknowledged, firstFailure.get()));
            }
        };
        try {
            sender.execute(() -> {
                boolean refusing = false;
                for (int i = 0; i < records.size(); i++) {
                    if (refusing) {
                        settle.accept(null);
                        continue;
                    }
                    int index = i;
                    try {
                        Future<?> sent = producer.send(records.get(i), (metadata, failure) -> {
                            acknowledged[index] = failure == null;
                            settle.accept(failure);
                        });
                        refusing = sent.isDone() && failed(sent);
                    } catch (RuntimeException closedOrInvalid) {
                        refusing = true;
                        settle.accept(closedOrInvalid);
                    }
                }
            });
        } catch (RejectedExecutionException stopped) {
            outcomes.complete(new Outcomes(acknowledged, stopped));
        }
        return outcomes;
    }

    private static boolean failed(Future<?> sent) {
        try {
            sent.get();
            return false;
        } catch (Exception failure) {
            return true;
        }
    }

    @PreDestroy
    void close() {
        sender.shutdown();
        producer.close(CLOSE_TIMEOUT);
    }
}
