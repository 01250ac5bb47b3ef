package dev.tavern.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * Many WebSocket clients in this process, each a connection spread over the event loops; every text frame goes to
 * one handler. Connections open a bounded number at a time, so the server's accept queue never overflows.
 */
public final class WebSocketFleet implements AutoCloseable {

    /** Where one client connects: the port and the path with its query (token, since). */
    public record Target(int port, String uri) {
    }

    private static final int OPENING_AT_ONCE = 200;
    private static final Duration OPEN_TIMEOUT = Duration.ofMinutes(2);

    private final ConcurrentLinkedQueue<WebSocket> open = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile String firstFailure;

    private WebSocketFleet() {
    }

    /** Opens a client per target and waits until each is open or has failed. */
    public static WebSocketFleet open(WebSocketClient client, List<Target> targets, Consumer<String> onFrame)
            throws InterruptedException {
        WebSocketFleet fleet = new WebSocketFleet();
        AtomicInteger next = new AtomicInteger();
        int chains = Math.min(OPENING_AT_ONCE, targets.size());
        CountDownLatch done = new CountDownLatch(chains);
        for (int i = 0; i < chains; i++) {
            fleet.openNext(client, targets, next, onFrame, done);
        }
        if (!done.await(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Opening " + targets.size() + " WebSockets took over " + OPEN_TIMEOUT);
        }
        return fleet;
    }

    private void openNext(WebSocketClient client, List<Target> targets, AtomicInteger next, Consumer<String> onFrame,
                          CountDownLatch done) {
        int index = next.getAndIncrement();
        if (index >= targets.size()) {
            done.countDown();
            return;
        }
        Target target = targets.get(index);
        client.connect(new WebSocketConnectOptions().setHost(LoadClients.HOST).setPort(target.port()).setURI(target.uri()))
                .onComplete(result -> {
                    if (result.succeeded()) {
                        WebSocket socket = result.result();
                        socket.textMessageHandler(onFrame::accept);
                        // A connection reset while closing is expected at this scale; closes are counted below.
                        socket.exceptionHandler(failure -> { });
                        socket.closeHandler(closed -> {
                            if (!closing.get()) {
                                closedByServer.incrementAndGet();
                            }
                        });
                        open.add(socket);
                    } else {
                        failed.incrementAndGet();
                        if (firstFailure == null) {
                            firstFailure = result.cause().toString();
                        }
                    }
                    openNext(client, targets, next, onFrame, done);
                });
    }

    public int opened() {
        return open.size();
    }

    public int failed() {
        return failed.get();
    }

    /** Why the first failed client could not connect, or null. */
    public String firstFailure() {
        return firstFailure;
    }

    /** Clients the server closed (a slow reader is closed with 4001, say). */
    public int closedByServer() {
        return closedByServer.get();
    }

    /** Closes every client and waits for the closing handshakes, so their file descriptors are free again. */
    @Override
    public void close() {
        closing.set(true);
        Future.join(open.stream().map(WebSocket::close).toList())
                .toCompletionStage().toCompletableFuture().orTimeout(1, TimeUnit.MINUTES)
                .exceptionally(failure -> null).join();
        open.clear();
    }
}
