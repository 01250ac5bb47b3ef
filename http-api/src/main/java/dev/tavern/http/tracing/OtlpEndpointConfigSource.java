package dev.tavern.http.tracing;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Traces in one variable: {@code TAVERN_OTLP_ENDPOINT} names the OTLP collector, and without it the OpenTelemetry SDK
 * is off, so a service nobody collects traces from spends nothing on spans. Quarkus's own properties can express an
 * endpoint but not "off unless there is one" (an unset endpoint means localhost:4317); this source derives both from
 * the one variable. Anything set explicitly ({@code QUARKUS_OTEL_*}, application.properties) wins.
 */
public class OtlpEndpointConfigSource implements ConfigSource {

    static final String ENDPOINT_VARIABLE = "TAVERN_OTLP_ENDPOINT";
    private final Map<String, String> properties;

    public OtlpEndpointConfigSource() {
        this(System.getenv(ENDPOINT_VARIABLE));
    }

    OtlpEndpointConfigSource(String endpoint) {
        this.properties = endpoint == null || endpoint.isBlank()
                ? Map.of("quarkus.otel.sdk.disabled", "true")
                : Map.of("quarkus.otel.exporter.otlp.traces.endpoint", endpoint.strip());
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "Tavern OTLP endpoint (" + ENDPOINT_VARIABLE + ")";
    }

    /** Below application.properties and the environment, so either can still set the same properties. */
    @Override
    public int getOrdinal() {
        return 90;
    }
}
