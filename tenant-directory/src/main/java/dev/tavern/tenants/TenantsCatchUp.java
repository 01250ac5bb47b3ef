package dev.tavern.tenants;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether this replica has read {@code tavern.tenants.v1} to the end it had at start. Until then the directory may
 * still hold a suspended tenant as active, so the replica is not ready (fail closed).
 */
@ApplicationScoped
public class TenantsCatchUp extends TopicCatchUp {
}
