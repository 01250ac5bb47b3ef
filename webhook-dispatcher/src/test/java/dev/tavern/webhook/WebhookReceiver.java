package dev.tavern.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;

/** A real HTTP server standing in for a community's webhook endpoint; records every request it gets. */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(String path, Map<String, String> headers, String body) {
    }

    /**
     * How the receiver answers one request: a status, optional headers, after an optional delay, and a body of
     * {@code bodyBytes} written at {@code bytesPerSecond} (0: as fast as it goes).
     */
    public record Answer(int status, Map<String, String> headers, long delayMillis, long bodyBytes, long bytesPerSecond) {

        public static Answer status(int status) {
            return new Answer(status, Map.of(), 0, 0, 0);
        }

        public Answer(int status, Map<String, String> headers, long delayMillis) {
            this(status, headers, delayMillis, 0, 0);
        }

        public static Answer streaming(int status, long bodyBytes, long bytesPerSecond) {
            return new Answer(status, Map.of(), 0, bodyBytes, bytesPerSecond);
        }
    }

    /** What the receiver wrote of a streamed body to a path, and whether the caller hung up before its end. */
    public record Streamed(long bytes, boolean cutOff) {
    }

    private static final byte[] CHUNK = new byte[64 * 1024];
    private final Map<String, Streamed> streamed = new java.util.concurrent.ConcurrentHashMap<>();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, java.util.function.Function<Integer, Answer>> answers = new java.util.concurrent.ConcurrentHashMap<>();

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), e -> String.join(",", e.getValue()), (a, b) -> a));
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, headers, body));
            int seen = (int) received.stream().filter(r -> r.path().equals(path)).count();
            Answer answer = answers.getOrDefault(path, n -> Answer.status(200)).apply(seen);
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            if (answer.bodyBytes() == 0) {
                exchange.sendResponseHeaders(answer.status(), -1);
            } else {
                exchange.sendResponseHeaders(answer.status(), 0);
                stream(exchange.getResponseBody(), path, answer);
            }
            exchange.close();
        });
        server.start();
    }

    /** Writes the answer's body in chunks, at its pace, until it is all written or the caller hangs up. */
    private void stream(java.io.OutputStream body, String path, Answer answer) {
        long written = 0;
        long started = System.nanoTime();
        try {
            while (written < answer.bodyBytes()) {
                int length = (int) Math.min(CHUNK.length, answer.bodyBytes() - written);
                body.write(CHUNK, 0, length);
                body.flush();
                written += length;
                streamed.put(path, new Streamed(written, false));
                if (answer.bytesPerSecond() > 0) {
                    long due = started + written * 1_000_000_000L / answer.bytesPerSecond();
                    java.util.concurrent.locks.LockSupport.parkNanos(Math.max(0, due - System.nanoTime()));
                }
            }
        } catch (IOException hungUp) {
            streamed.put(path, new Streamed(written, true));
        }
    }

    /** The streamed body's progress at a path, if one was streamed there. */
    public java.util.Optional<Streamed> streamed(String path) {
        return java.util.Optional.ofNullable(streamed.get(path));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** How the receiver answers requests to a path, given how many it has received there (1 for the first). */
    public void answer(String path, java.util.function.Function<Integer, Answer> answer) {
        answers.put(path, answer);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).collect(Collectors.toList());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
