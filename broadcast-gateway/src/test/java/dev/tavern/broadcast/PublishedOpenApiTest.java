package dev.tavern.broadcast;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.PublishedOpenApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** docs/openapi/broadcast-gateway.yaml is what this service serves at /q/openapi. */
@QuarkusTest
@WithTestResource(value = GatewayInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class PublishedOpenApiTest {

    @TestHTTPResource("/q/openapi")
    URI openApi;

    @Test
    void thePublishedDocumentIsWhatTheServiceServes() {
        PublishedOpenApi.of("broadcast-gateway").assertPublishedAs(openApi);
    }
}
