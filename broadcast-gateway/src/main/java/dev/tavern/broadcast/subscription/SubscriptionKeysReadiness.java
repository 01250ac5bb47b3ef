package dev.tavern.broadcast.subscription;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until every subscription signing key has been read: until then no connection is admitted. */
@Readiness
@ApplicationScoped
public class SubscriptionKeysReadiness implements HealthCheck {

    private final SubscriptionKeysCatchUp catchUp;

    SubscriptionKeysReadiness(SubscriptionKeysCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public HealthCheckResponse call() {
        return catchUp.readiness("broadcast-subscription-keys");
    }
}
