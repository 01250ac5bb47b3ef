package dev.tavern.infra.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;

/**
 * A folder served on a port of its own, for browser tests: a page loaded from here runs on another origin than any
 * Tavern service, as a VTT module in the game master's browser does.
 */
public final class OtherOrigin implements AutoCloseable {

    private final HttpServer server;

    private OtherOrigin(HttpServer server) {
        this.server = server;
    }

    public static OtherOrigin serving(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                try (InputStream ignored = exchange.getRequestBody()) {
                    Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
                    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                        exchange.sendResponseHeaders(404, -1);
                        return;
                    }
                    byte[] content = Files.readAllBytes(file);
                    exchange.getResponseHeaders().add("Content-Type", contentType(file));
                    exchange.sendResponseHeaders(200, content.length);
                    exchange.getResponseBody().write(content);
                } finally {
                    exchange.close();
                }
            });
            server.start();
            return new OtherOrigin(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address of a file of the folder, e.g. {@code test/browser/page.html}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".js") || name.endsWith(".mjs")) {
            return "text/javascript; charset=utf-8";
        }
        return name.endsWith(".json") ? "application/json" : "text/plain; charset=utf-8";
    }
}
