package dev.tavern.vtt.roll;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.http.errors.ApiException;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code tavern_ingest_requests_total{endpoint, outcome}} on /q/metrics. */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void accepted(String endpoint, RecordedRoll roll) {
        count(endpoint, roll != null && roll.duplicate() ? "duplicate" : "accepted");
    }

    void refused(String endpoint, Throwable failure) {
        int status = failure instanceof ApiException api ? api.status() : 500;
        count(endpoint, switch (status) {
            case 400, 413, 422 -> "invalid";
            case 404 -> "unknown_campaign";
            case 429 -> "limited";
            default -> "error";
        });
    }

    void unauthorized(String endpoint) {
        count(endpoint, "unauthorized");
    }

    private void count(String endpoint, String outcome) {
        registry.counter("tavern.ingest.requests", "endpoint", endpoint, "outcome", outcome).increment();
    }
}
