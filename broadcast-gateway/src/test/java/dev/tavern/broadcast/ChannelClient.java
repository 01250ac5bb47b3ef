package dev.tavern.broadcast;

import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.infra.contract.TopicContract;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;

/** One WebSocket client of a channel: every frame it was sent, in order, each checked against the frame contract. */
public final class ChannelClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TopicContract FRAMES = TopicContract.of("websocket.dice-rolls");
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final AtomicInteger closedWith = new AtomicInteger();
    private WebSocketClientConnection connection;

    /** Opens the channel (with a token for it) and waits until the gateway has said it is subscribed. */
    public static ChannelClient open(BasicWebSocketConnector connector, URI baseUri, String channel, String query) {
        return open(connector, baseUri, channel, query, SubscriptionTokens.forChannel(channel));
    }

    public static ChannelClient open(BasicWebSocketConnector connector, URI baseUri, String channel, String query, String token) {
        ChannelClient client = new ChannelClient();
        client.connection = connector.baseUri(baseUri)
                // On the event loop, so frames are seen in the order they arrive.
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .path("/ws/" + channel + query)
                .addHeader("Authorization", "Bearer " + token)
                .onTextMessage((c, message) -> client.frames.add(FRAMES.assertValid(message)))
                .onClose((c, reason) -> client.closedWith.set(reason.getCode()))
                .connectAndAwait();
        await().atMost(DEADLINE).until(() -> client.frames.stream().anyMatch(f -> type(f).equals("subscribed")));
        return client;
    }

    public List<JsonNode> frames() {
        return frames;
    }

    /** The dice:roll and dice:critical frames. */
    public List<JsonNode> rolls() {
        return frames.stream().filter(f -> type(f).startsWith("dice:")).toList();
    }

    public List<String> rollIds() {
        return rolls().stream().map(f -> f.at("/data/id").asText()).toList();
    }

    public ChannelClient awaitRolls(int count) {
        await().atMost(DEADLINE).until(() -> rolls().size() >= count);
        return this;
    }

    /** The position of the last frame that carried one: what a client keeps to come back with {@code ?since=}. */
    public String position() {
        return frames.stream().filter(f -> f.has("position")).reduce((first, second) -> second)
                .map(f -> f.get("position").asText()).orElseThrow();
    }

    /** Waits until the gateway closes the connection; answers the close code. */
    public int awaitClosed() {
        await().atMost(DEADLINE).until(() -> closedWith.get() != 0);
        return closedWith.get();
    }

    public void close() {
        connection.closeAndAwait();
    }

    public static String type(JsonNode frame) {
        return frame.path("type").asText();
    }

    public static JsonNode parse(String frame) {
        try {
            return JSON.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
