package dev.tavern.http.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Documents the one error shape every Tavern HTTP surface answers with ({@link dev.tavern.http.errors.ErrorResponse}):
 * the schema under {@code components}, and a {@code default} response on every operation that does not describe
 * its own, so a client generated from the document knows how to read any 4xx or 5xx. Registered by each service
 * with {@code mp.openapi.filter}.
 */
public class ErrorResponses implements OASFilter {

    static final String SCHEMA = "ErrorResponse";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(SCHEMA, errorSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().stream()
                .flatMap(item -> item.getOperations().values().stream())
                .filter(operation -> operation.getResponses() != null && operation.getResponses().getDefaultValue() == null)
                .forEach(operation -> operation.getResponses().setDefaultValue(OASFactory.createAPIResponse()
                        .description("Any error: the status says what kind, the body what is wrong")
                        .content(OASFactory.createContent().addMediaType("application/json",
                                OASFactory.createMediaType().schema(OASFactory.createSchema()
                                        .ref("#/components/schemas/" + SCHEMA))))));
    }

    private static Schema errorSchema() {
        // Ordered, so the published document is the same on every run.
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("error", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                .description("What went wrong, in a few words"));
        properties.put("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                .description("More about it, when there is more to say"));
        properties.put("details", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("Per field, every problem found with it")
                .additionalPropertiesSchema(OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))));
        properties.put("retryAfter", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                .description("With 429: seconds until a retry may succeed (also in Retry-After)"));
        return OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .description("Every error answer, e.g. {\"error\":\"Validation failed\",\"details\":{\"title\":[\"Title is required\"]}}")
                .required(List.of("error"))
                .properties(properties);
    }
}
