package dev.tavern.vtt;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.PublishedOpenApi;
import dev.tavern.infra.test.TavernInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** docs/openapi/vtt-ingest-service.yaml is what this service serves at /q/openapi. */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class PublishedOpenApiTest {

    @TestHTTPResource("/q/openapi")
    URI openApi;

    @Test
    void thePublishedDocumentIsWhatTheServiceServes() {
        PublishedOpenApi.of("vtt-ingest-service").assertPublishedAs(openApi);
    }
}
