package dev.tavern.load;

import java.time.Duration;
import java.util.Map;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

/**
 * The load generator's network side: one Vert.x with an event loop per core, a pooled keep-alive HTTP/1.1 client
 * and a WebSocket client that holds tens of thousands of connections (each an fd and a port on loopback, no
 * thread). Everything talks to 127.0.0.1, where every process of the stack listens.
 */
public final class LoadClients implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    /** Enough connections per service that a fast service is not held back by the pool. */
    private static final int POOL_SIZE = 256;
    private static final int MAX_WEBSOCKETS = 25_000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final HttpClient http;
    private final WebSocketClient webSockets;

    private LoadClients(Vertx vertx) {
        this.vertx = vertx;
        this.http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(HOST).setKeepAlive(true).setTcpNoDelay(true)
                        .setConnectTimeout((int) REQUEST_TIMEOUT.toMillis()),
                new PoolOptions().setHttp1MaxSize(POOL_SIZE).setMaxWaitQueueSize(-1));
        this.webSockets = vertx.createWebSocketClient(new WebSocketClientOptions().setDefaultHost(HOST)
                .setMaxConnections(MAX_WEBSOCKETS).setConnectTimeout((int) REQUEST_TIMEOUT.toMillis()));
    }

    public static LoadClients create() {
        return new LoadClients(Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(Runtime.getRuntime().availableProcessors())
                // A load run blocks nothing on purpose; a busy machine makes event loops late, which is measured.
                .setBlockedThreadCheckInterval(Duration.ofMinutes(1).toMillis())));
    }

    public Vertx vertx() {
        return vertx;
    }

    public WebSocketClient webSockets() {
        return webSockets;
    }

    /** Sends a request; answers the body of a 2xx, fails with the status and body otherwise. */
    public Future<Buffer> send(HttpMethod method, int port, String uri, Map<String, String> headers, Buffer body) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost(HOST).setPort(port).setURI(uri)
                .setIdleTimeout(REQUEST_TIMEOUT.toMillis());
        headers.forEach(options::putHeader);
        return http.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().compose(answer -> response.statusCode() / 100 == 2
                        ? Future.succeededFuture(answer)
                        : Future.failedFuture(method + " " + uri + " answered " + response.statusCode() + ": " + answer)));
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
