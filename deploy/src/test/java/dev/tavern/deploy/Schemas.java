package dev.tavern.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.format.PatternFormat;

/**
 * The vendored schemas (deploy/schemas): Kubernetes' own for core kinds, the operators' CRDs for
 * custom resources. Unknown fields are errors, as with {@code kubectl apply}'s strict field validation.
 */
final class Schemas {

    private static final String PRESERVE_UNKNOWN_FIELDS = "x-kubernetes-preserve-unknown-fields";
    /** Kubernetes' resource.Quantity: a signed decimal number with an optional binary, decimal or exponent suffix. */
    private static final String QUANTITY = "^[+-]?(\\d+|\\d+\\.\\d*|\\.\\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\\d+)?$";

    private final JsonSchemaFactory factory;
    private final Map<String, JsonSchema> byApiVersionAndKind = new HashMap<>();
    private final ObjectNode kubernetesDefinitions;

    Schemas(Path directory) {
        JsonMetaSchema openApiFlavoured = JsonMetaSchema.builder(JsonMetaSchema.getV7())
                .keywords(Stream.of("nullable", "example", PRESERVE_UNKNOWN_FIELDS, "x-kubernetes-int-or-string",
                                "x-kubernetes-list-map-keys", "x-kubernetes-list-type", "x-kubernetes-map-type",
                                "x-kubernetes-validations", "x-kubernetes-embedded-resource")
                        .map(NonValidationKeyword::new).toList())
                .format(PatternFormat.of("quantity", QUANTITY, null))
                .build();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, builder -> builder.metaSchema(openApiFlavoured));
        this.kubernetesDefinitions = (ObjectNode) strict(read(new ObjectMapper(), directory.resolve("kubernetes/kubernetes-1.22.0.schema.json")));
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(file -> file.toString().endsWith(".yaml")).forEach(this::addCustomResourceDefinition);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every way the object breaks its schema, each message naming the object and the field. */
    List<String> violations(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        JsonSchema schema = byApiVersionAndKind.computeIfAbsent(apiVersion + " " + kind, key -> kubernetesSchema(apiVersion, kind));
        if (schema == null) {
            return List.of(Manifests.describe(object) + ": no schema for apiVersion " + apiVersion + " kind " + kind);
        }
        return schema.validate(object).stream()
                .map(ValidationMessage::getMessage)
                .map(message -> Manifests.describe(object) + ": " + message)
                .toList();
    }

    private void addCustomResourceDefinition(Path file) {
        JsonNode crd = read(new YAMLMapper(), file);
        String group = crd.path("spec").path("group").asText();
        String kind = crd.path("spec").path("names").path("kind").asText();
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("served").asBoolean()) {
                JsonNode schema = strict(version.path("schema").path("openAPIV3Schema"));
                byApiVersionAndKind.put(group + "/" + version.path("name").asText() + " " + kind, factory.getSchema(schema));
            }
        }
    }

    /** A core kind's definition, e.g. apps/v1 Deployment is io.k8s.api.apps.v1.Deployment; null when not vendored. */
    private JsonSchema kubernetesSchema(String apiVersion, String kind) {
        String[] groupAndVersion = apiVersion.contains("/") ? apiVersion.split("/", 2) : new String[] {"core", apiVersion};
        String id = "io.k8s.api." + groupAndVersion[0].replace(".k8s.io", "") + "." + groupAndVersion[1] + "." + kind;
        if (!kubernetesDefinitions.path("definitions").has(id)) {
            return null;
        }
        ObjectNode schema = kubernetesDefinitions.deepCopy();
        schema.put("$ref", "#/definitions/" + id);
        return factory.getSchema(schema);
    }

    /** Closes every object schema that declares its properties, unless it preserves unknown fields. */
    private static JsonNode strict(JsonNode schema) {
        if (!(schema instanceof ObjectNode node)) {
            return schema;
        }
        if (node.has("properties") && !node.has("additionalProperties") && !node.path(PRESERVE_UNKNOWN_FIELDS).asBoolean()) {
            node.put("additionalProperties", false);
        }
        for (String map : List.of("properties", "definitions")) {
            node.path(map).forEach(Schemas::strict);
        }
        for (String list : List.of("oneOf", "anyOf", "allOf")) {
            node.path(list).forEach(Schemas::strict);
        }
        strict(node.path("items"));
        strict(node.path("additionalProperties"));
        return node;
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema " + file, e);
        }
    }
}
