package dev.tavern.http.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class OtlpEndpointConfigSourceTest {

    @Test
    void withoutAnEndpointTheSdkIsOffSoNothingTriesLocalhost() {
        assertThat(new OtlpEndpointConfigSource(null).getProperties()).isEqualTo(Map.of("quarkus.otel.sdk.disabled", "true"));
        assertThat(new OtlpEndpointConfigSource("  ").getProperties()).isEqualTo(Map.of("quarkus.otel.sdk.disabled", "true"));
    }

    @Test
    void anEndpointIsWhereTracesGoWithTheSdkLeftOn() {
        OtlpEndpointConfigSource source = new OtlpEndpointConfigSource(" http://otel-collector.observability:4317 ");

        assertThat(source.getProperties())
                .isEqualTo(Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://otel-collector.observability:4317"));
        assertThat(source.getValue("quarkus.otel.sdk.disabled")).isNull();
        // Below application.properties (250) and the environment (300): explicit settings win.
        assertThat(source.getOrdinal()).isLessThan(250);
    }
}
