package dev.tavern.broadcast;

import java.net.URI;
import java.util.concurrent.CompletionException;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/** The HTTP status a WebSocket upgrade gets: 101 when it opened (then it is closed again), else the refusal's. */
public final class Upgrades {

    private Upgrades() {
    }

    /** {@code authorization}: the header's value, or null for none. */
    public static int status(URI baseUri, String path, String authorization) {
        Vertx vertx = Vertx.vertx();
        try {
            WebSocketClient client = vertx.createWebSocketClient();
            WebSocketConnectOptions options = new WebSocketConnectOptions()
                    .setHost(baseUri.getHost()).setPort(baseUri.getPort()).setURI(path);
            if (authorization != null) {
                options.addHeader("Authorization", authorization);
            }
            try {
                client.connect(options).toCompletionStage().toCompletableFuture().join().close();
                return 101;
            } catch (CompletionException e) {
                if (e.getCause() instanceof UpgradeRejectedException rejected) {
                    return rejected.getStatus();
                }
                throw e;
            }
        } finally {
            vertx.close();
        }
    }
}
