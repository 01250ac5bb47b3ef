package dev.tavern.infra.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;

import dev.tavern.infra.ProjectRoot;

/**
 * {@code docs/asyncapi.yaml} is a valid AsyncAPI 3.0 document, every reference in it leads to
 * something, its examples keep to the schemas they illustrate, and every contract under
 * {@code docs/contracts} is the payload of one of its channels.
 */
class AsyncApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path DOCS = ProjectRoot.resolve("docs").toAbsolutePath().normalize();
    private static final Path DOCUMENT = DOCS.resolve("asyncapi.yaml");

    private final JsonNode document = read(YAML, DOCUMENT);

    @Test
    void isAValidAsyncApi300Document() throws IOException {
        try (InputStream officialSchema = getClass().getResourceAsStream("/asyncapi/asyncapi-3.0.0.schema.json")) {
            Set<ValidationMessage> violations = JsonSchemaFactory.getInstance(VersionFlag.V7).getSchema(officialSchema).validate(document);
            assertThat(violations).extracting(ValidationMessage::getMessage).isEmpty();
        }
    }

    @Test
    void everyReferenceLeadsToAFileAndAPlaceInIt() {
        List<String> broken = new ArrayList<>();
        for (String reference : references(document, new ArrayList<>())) {
            String file = reference.contains("#") ? reference.substring(0, reference.indexOf('#')) : reference;
            String pointer = reference.contains("#") ? reference.substring(reference.indexOf('#') + 1) : "";
            if (file.isEmpty()) {
                if (document.at(pointer).isMissingNode()) {
                    broken.add(reference + ": nothing at " + pointer + " in asyncapi.yaml");
                }
            } else if (!Files.isRegularFile(DOCS.resolve(file))) {
                broken.add(reference + ": no file docs/" + DOCS.relativize(DOCS.resolve(file).normalize()));
            } else if (read(JSON, DOCS.resolve(file)).at(pointer).isMissingNode()) {
                broken.add(reference + ": nothing at " + pointer + " in " + file);
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void everyContractIsThePayloadOfAChannel() throws IOException {
        Set<String> channelPayloads = new TreeSet<>();
        document.path("channels").forEach(channel -> channel.path("messages").forEach(message -> {
            String reference = payloadReference(dereference(message));
            if (reference != null) {
                String file = reference.contains("#") ? reference.substring(0, reference.indexOf('#')) : reference;
                channelPayloads.add(DOCS.resolve(file).normalize().toString());
            }
        }));
        try (Stream<Path> contracts = Files.list(DOCS.resolve("contracts"))) {
            assertThat(contracts.filter(file -> file.getFileName().toString().endsWith(".schema.json")).map(Path::toString))
                    .isNotEmpty()
                    .allSatisfy(contract -> assertThat(channelPayloads).as("channel payloads").contains(contract));
        }
    }

    @Test
    void everyExampleKeepsToItsMessagesHeadersAndPayload() {
        List<String> violations = new ArrayList<>();
        document.path("components").path("messages").fields().forEachRemaining(entry -> {
            JsonNode message = entry.getValue();
            String payloadReference = payloadReference(message);
            for (JsonNode example : message.path("examples")) {
                String where = entry.getKey() + " example " + example.path("name").asText();
                if (example.has("headers")) {
                    URI headers = URI.create(DOCUMENT.toUri() + "#/components/messages/" + entry.getKey() + "/headers");
                    violations.addAll(validate(VersionFlag.V7, headers, example.get("headers"), where + " headers"));
                }
                if (payloadReference != null) {
                    violations.addAll(validate(VersionFlag.V202012, DOCS.toUri().resolve(payloadReference), example.get("payload"),
                            where + " payload"));
                }
            }
        });
        assertThat(violations).isEmpty();
    }

    private static List<String> validate(VersionFlag dialect, URI schema, JsonNode instance, String where) {
        return JsonSchemaFactory.getInstance(dialect).getSchema(schema).validate(instance).stream()
                .map(violation -> where + ": " + violation.getMessage())
                .toList();
    }

    /** A message's payload schema reference, whether the payload is a multi-format schema or a plain one. */
    private static String payloadReference(JsonNode message) {
        JsonNode payload = message.path("payload");
        JsonNode reference = payload.has("schema") ? payload.path("schema").path("$ref") : payload.path("$ref");
        return reference.isTextual() ? reference.asText() : null;
    }

    /** Follows references inside the document, such as a channel's message to the component. */
    private JsonNode dereference(JsonNode node) {
        JsonNode current = node;
        while (current.path("$ref").asText().startsWith("#")) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    private static List<String> references(JsonNode node, List<String> found) {
        if (node.isObject()) {
            node.fields().forEachRemaining((Map.Entry<String, JsonNode> field) -> {
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    found.add(field.getValue().asText());
                } else {
                    references(field.getValue(), found);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> references(element, found));
        }
        return found;
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
