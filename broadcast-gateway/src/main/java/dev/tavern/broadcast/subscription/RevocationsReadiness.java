package dev.tavern.broadcast.subscription;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until every revocation has been read: until then no connection is admitted. */
@Readiness
@ApplicationScoped
public class RevocationsReadiness implements HealthCheck {

    private final RevocationsCatchUp catchUp;

    RevocationsReadiness(RevocationsCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public HealthCheckResponse call() {
        return catchUp.readiness("broadcast-revocations");
    }
}
