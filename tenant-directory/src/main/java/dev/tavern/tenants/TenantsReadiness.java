package dev.tavern.tenants;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until every tenant record on the topic has been read. */
@Readiness
@ApplicationScoped
public class TenantsReadiness implements HealthCheck {

    private final TenantsCatchUp catchUp;

    TenantsReadiness(TenantsCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public HealthCheckResponse call() {
        return catchUp.readiness("tenants");
    }
}
