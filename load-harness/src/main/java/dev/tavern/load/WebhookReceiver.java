package dev.tavern.load;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import dev.tavern.infra.FreePorts;

/**
 * A community's webhook endpoint on loopback, a Vert.x server in the harness: it acknowledges deliveries (or fails
 * every other attempt, answers slowly, or streams an endless body), counts each {@code webhook-id} it acknowledged
 * and how often, and can go down and come back on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {

    public enum Mode {
        /** 204 to every attempt. */
        ACKNOWLEDGE,
        /** 503 to every other attempt the receiver gets, whatever the delivery: half the attempts fail. */
        FAIL_EVERY_OTHER_ATTEMPT,
        /** 204 after {@link #SLOW_ANSWER}, so attempts are under way at any moment. */
        SLOW,
        /**
         * The first attempt of each webhook-id gets 200 and a body that never ends ({@link #CHUNK} bytes every
         * {@link #CHUNK_EVERY}) until the dispatcher gives up on it; later attempts get 204.
         */
        ENDLESS_BODY_FIRST
    }

    public static final Duration SLOW_ANSWER = Duration.ofMillis(500);
    private static final Duration CHUNK_EVERY = Duration.ofMillis(20);
    private static final Buffer CHUNK = Buffer.buffer(new byte[16 * 1024]);

    private final Vertx vertx;
    private final int port = FreePorts.next();
    private final Map<String, AtomicLong> acknowledgedById = new ConcurrentHashMap<>();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong firstAcknowledgedNanos = new AtomicLong();
    private final AtomicLong lastAcknowledgedNanos = new AtomicLong();
    private final Set<String> streamedTo = ConcurrentHashMap.newKeySet();
    private final AtomicLong streamedBytes = new AtomicLong();
    private final AtomicLong streamsCutOff = new AtomicLong();
    private volatile Mode mode = Mode.ACKNOWLEDGE;
    private volatile RateTimeline timeline;
    private HttpServer server;

    private WebhookReceiver(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Starts listening on a free port. */
    public static WebhookReceiver start(Vertx vertx) {
        WebhookReceiver receiver = new WebhookReceiver(vertx);
        receiver.up();
        return receiver;
    }

    /** Where scheduler events point their {@code fromUrl}. */
    public String url() {
        return url(LoadClients.HOST);
    }

    /** The receiver under another name for its address (one the dispatcher's resolver may not know yet). */
    public String url(String host) {
        return "http://" + host + ":" + port + "/webhooks";
    }

    public int port() {
        return port;
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** From now on, every acknowledgement is also counted here (per second, for a chart). */
    public void countInto(RateTimeline timeline) {
        this.timeline = timeline;
    }

    /** Listens again (on the same port) after {@link #down()}. */
    public synchronized void up() {
        if (server != null) {
            return;
        }
        server = vertx.createHttpServer(new HttpServerOptions().setHost(LoadClients.HOST).setPort(port))
                .requestHandler(request -> request.body().onComplete(body -> answer(request)));
        server.listen().toCompletionStage().toCompletableFuture().join();
    }

    private void answer(HttpServerRequest request) {
        long attempt = attempts.incrementAndGet();
        String webhookId = request.getHeader("webhook-id");
        switch (mode) {
            case FAIL_EVERY_OTHER_ATTEMPT -> {
                if (attempt % 2 == 1) {
                    request.response().setStatusCode(503).end();
                } else {
                    acknowledge(request, webhookId);
                }
            }
            case SLOW -> vertx.setTimer(SLOW_ANSWER.toMillis(), timer -> acknowledge(request, webhookId));
            case ENDLESS_BODY_FIRST -> {
                if (webhookId != null && streamedTo.add(webhookId)) {
                    streamEndlessly(request.response());
                } else {
                    acknowledge(request, webhookId);
                }
            }
            case ACKNOWLEDGE -> acknowledge(request, webhookId);
        }
    }

    private void acknowledge(HttpServerRequest request, String webhookId) {
        if (webhookId != null) {
            acknowledgedById.computeIfAbsent(webhookId, id -> new AtomicLong()).incrementAndGet();
        }
        acknowledged.incrementAndGet();
        long now = System.nanoTime();
        firstAcknowledgedNanos.compareAndSet(0, now);
        lastAcknowledgedNanos.accumulateAndGet(now, Math::max);
        RateTimeline counting = timeline;
        if (counting != null) {
            counting.record();
        }
        request.response().setStatusCode(204).end();
    }

    /** Writes chunk after chunk, as fast as the dispatcher reads them, until it closes the connection. */
    private void streamEndlessly(HttpServerResponse response) {
        response.setChunked(true).setStatusCode(200).putHeader("Content-Type", "text/plain");
        long writer = vertx.setPeriodic(CHUNK_EVERY.toMillis(), tick -> {
            if (!response.closed() && !response.writeQueueFull()) {
                response.write(CHUNK);
                streamedBytes.addAndGet(CHUNK.length());
            }
        });
        response.closeHandler(closed -> {
            vertx.cancelTimer(writer);
            streamsCutOff.incrementAndGet();
        });
    }

    /** Bytes of endless bodies written so far. */
    public long streamedBytes() {
        return streamedBytes.get();
    }

    /** Endless bodies the dispatcher cut off by closing its connection. */
    public long streamsCutOff() {
        return streamsCutOff.get();
    }

    /** Stops listening: attempts now fail with connection refused. */
    public synchronized void down() {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
            server = null;
        }
    }

    public long attempts() {
        return attempts.get();
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    /** Distinct webhook ids acknowledged at least once. */
    public long distinctAcknowledged() {
        return acknowledgedById.size();
    }

    /** Acknowledgements of a webhook id already acknowledged before (at-least-once redeliveries). */
    public long duplicates() {
        return acknowledged.get() - acknowledgedById.size();
    }

    /** How often each webhook id was acknowledged. */
    public Map<String, Long> acknowledgedById() {
        Map<String, Long> copy = new ConcurrentHashMap<>();
        acknowledgedById.forEach((id, count) -> copy.put(id, count.get()));
        return copy;
    }

    /** When the first acknowledgement was sent ({@link System#nanoTime()}), or 0. */
    public long firstAcknowledgedNanos() {
        return firstAcknowledgedNanos.get();
    }

    /** When the last acknowledgement was sent ({@link System#nanoTime()}), or 0. */
    public long lastAcknowledgedNanos() {
        return lastAcknowledgedNanos.get();
    }

    @Override
    public void close() {
        down();
    }
}
