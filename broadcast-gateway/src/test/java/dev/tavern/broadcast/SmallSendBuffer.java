package dev.tavern.broadcast;

import jakarta.inject.Singleton;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The tests run the gateway with a 4 KiB socket send buffer (loopback's autotuned buffers hold
 * megabytes), so a client that stops reading backs up after a few messages, as it would over
 * a real network.
 */
@Singleton
public class SmallSendBuffer implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setSendBufferSize(4096);
    }
}
