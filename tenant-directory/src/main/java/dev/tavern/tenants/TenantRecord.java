package dev.tavern.tenants;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a service reads of a record on {@code tavern.tenants.v1} (docs/contracts/tavern.tenants.v1.schema.json): the
 * tenant's whole state at one revision, published by scheduler-service, which owns tenants.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TenantRecord(
        String id,
        String name,
        Status status,
        List<String> hostnames,
        String publicBaseUrl,
        String adminKeyHash,
        long revision,
        Instant changedAt) {

    public enum Status {
        ACTIVE,
        SUSPENDED,
        DELETED
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    /** Whether the record carries what a consumer relies on; one that does not is off its contract. */
    boolean complete() {
        return id != null && !id.isBlank() && status != null && revision > 0;
    }
}
