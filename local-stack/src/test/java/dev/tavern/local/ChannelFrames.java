package dev.tavern.local;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The text frames one WebSocket client received, in order. */
final class ChannelFrames implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private volatile int closedWith;
    private WebSocket socket;

    /** Opens the channel and waits until the gateway has said it is subscribed. */
    static ChannelFrames open(ServiceProcess gateway, String channel, String token, String query) {
        ChannelFrames frames = new ChannelFrames();
        frames.socket = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("ws://localhost:" + gateway.port() + "/ws/" + channel + query), frames)
                .join();
        await().atMost(DEADLINE).until(() -> frames.types().contains("subscribed"));
        return frames;
    }

    /** The status of the upgrade: 101 when it opened. */
    static int tryOpen(ServiceProcess gateway, String channel, String token) {
        try {
            open(gateway, channel, token, "").close();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        try {
            received.add(JSON.readTree(data.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + data, e);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedWith = statusCode;
        return null;
    }

    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    int closedWith() {
        return closedWith;
    }

    List<String> types() {
        return received.stream().map(frame -> frame.path("type").asText()).toList();
    }

    List<JsonNode> rolls() {
        return received.stream().filter(frame -> frame.path("type").asText().startsWith("dice:")).toList();
    }

    List<String> rollIds() {
        return rolls().stream().map(frame -> frame.at("/data/id").asText()).toList();
    }

    List<Long> offsets() {
        return rolls().stream().map(frame -> frame.get("offset").asLong()).toList();
    }

    String positionOfRoll(int index) {
        return rolls().get(index).get("position").asText();
    }

    /** The position of the last frame that carried one. */
    String position() {
        return received.stream().filter(frame -> frame.has("position")).reduce((first, second) -> second)
                .orElseThrow().get("position").asText();
    }
}
