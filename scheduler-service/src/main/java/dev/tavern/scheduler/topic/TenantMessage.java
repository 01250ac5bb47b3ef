package dev.tavern.scheduler.topic;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The value of a record on {@code tavern.tenants.v1}: the tenant's whole state at one revision; see docs/contracts for
 * the contract. {@code adminKeyHash} is lower-case hex, and written even when null (no admin key is valid), as the
 * contract requires the field.
 */
public record TenantMessage(
        String id,
        String name,
        String status,
        List<String> hostnames,
        String publicBaseUrl,
        @JsonInclude(JsonInclude.Include.ALWAYS) String adminKeyHash,
        int revision,
        Instant changedAt) {
}
