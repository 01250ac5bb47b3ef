package dev.tavern.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A community's webhook receiver on loopback that answers 200, except that the next request to a path can be held
 * unanswered (as a receiver that hangs) until the test releases it or closes the receiver. It records every request's
 * path, Standard Webhooks headers and body.
 */
final class HoldingReceiver implements AutoCloseable {

    /** A request as Standard Webhooks signs it: its id, timestamp, signatures and body. */
    record Received(String path, String webhookId, String timestamp, String signatures, String body) {
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Holds waiting for the next request to their path, and holds a request is waiting on. */
    private final Map<String, CountDownLatch> armed = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holding = new ConcurrentHashMap<>();

    private HoldingReceiver(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    static HoldingReceiver start() {
        try {
            return new HoldingReceiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the receiver", e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next request to the path waits unanswered until {@link #release} or {@link #close}. */
    void holdNext(String path) {
        armed.put(path, new CountDownLatch(1));
    }

    void release(String path) {
        for (Map<String, CountDownLatch> holds : List.of(armed, holding)) {
            CountDownLatch hold = holds.remove(path);
            if (hold != null) {
                hold.countDown();
            }
        }
    }

    List<Received> receivedAt(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(path, exchange.getRequestHeaders().getFirst("webhook-id"),
                exchange.getRequestHeaders().getFirst("webhook-timestamp"), exchange.getRequestHeaders().getFirst("webhook-signature"),
                requestBody));
        CountDownLatch hold = armed.remove(path);
        if (hold != null) {
            holding.put(path, hold);
            try {
                hold.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException gone) {
            // The dispatcher gave up on this request and closed its connection.
        }
    }

    @Override
    public void close() {
        armed.values().forEach(CountDownLatch::countDown);
        holding.values().forEach(CountDownLatch::countDown);
        server.stop(0);
        handlers.shutdownNow();
    }
}
