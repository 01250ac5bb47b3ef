package dev.tavern.infra.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.tavern.infra.ProjectRoot;

/**
 * The documented JSON Schema of a topic's record values ({@code docs/contracts/<topic>.schema.json}),
 * or of a WebSocket channel's messages ({@code websocket.dice-rolls}). Producer and consumer tests
 * both validate against it, so the two sides cannot drift; {@code docs/asyncapi.yaml} refers to it.
 */
public final class TopicContract {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String topic;
    private final JsonSchema schema;

    private TopicContract(String topic, JsonSchema schema) {
        this.topic = topic;
        this.schema = schema;
    }

    public static TopicContract of(String topic) {
        Path file = ProjectRoot.resolve("docs/contracts/" + topic + ".schema.json");
        try (InputStream in = Files.newInputStream(file)) {
            return new TopicContract(topic, JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in));
        } catch (IOException e) {
            throw new UncheckedIOException("No contract for topic " + topic + " at " + file, e);
        }
    }

    /** Throws an {@link AssertionError} listing every violation when the value breaks the contract. */
    public JsonNode assertValid(String recordValue) {
        JsonNode json;
        try {
            json = MAPPER.readTree(recordValue);
        } catch (IOException e) {
            throw new AssertionError("Record value on " + topic + " is not JSON: " + recordValue, e);
        }
        Set<ValidationMessage> violations = schema.validate(json);
        if (!violations.isEmpty()) {
            throw new AssertionError("Record value on " + topic + " breaks its contract: "
                    + violations.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("; "))
                    + "\n" + recordValue);
        }
        return json;
    }
}
