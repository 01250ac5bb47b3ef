package dev.tavern.infra.test;

import java.util.Optional;
import java.util.function.Predicate;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * The spans a service under test exports, kept in memory: Quarkus exports to every {@code SpanExporter} bean, and
 * this one is a bean in every service test that has this library and the SDK's testing module on its path.
 */
@Singleton
public class RecordedSpans {

    private static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return EXPORTER;
    }

    /** The first exported span that matches; spans are exported in batches, so await it with a deadline. */
    public static Optional<SpanData> find(Predicate<SpanData> wanted) {
        return EXPORTER.getFinishedSpanItems().stream().filter(wanted).findFirst();
    }
}
