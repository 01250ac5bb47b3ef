package dev.tavern.broadcast.channel;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the history window has been read back: {@code since} could not be answered before. */
@Readiness
@ApplicationScoped
public class HistoryReadiness implements HealthCheck {

    private final HistoryCatchUp catchUp;

    HistoryReadiness(HistoryCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public HealthCheckResponse call() {
        return catchUp.readiness("broadcast-history");
    }
}
