package dev.tavern.scheduler.tenant;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.scheduler.SchedulerConfig;
import io.smallrye.mutiny.Uni;

/** Host → tenant: a hostname a tenant claims is theirs; every other host serves the default tenant. */
@ApplicationScoped
public class TenantResolver {

    private final SchedulerConfig config;

    TenantResolver(SchedulerConfig config) {
        this.config = config;
    }

    /** Must run inside a Hibernate Reactive session. */
    public Uni<TenantContext> resolve(String host) {
        String hostname = hostnameOf(host);
        return TenantHostname.<TenantHostname>findById(hostname)
                .flatMap(claimed -> claimed == null
                        ? Uni.createFrom().item(defaultTenant())
                        : Tenant.<Tenant>findById(claimed.tenantId).map(t -> new TenantContext(t.id, t.publicBaseUrl)));
    }

    public TenantContext defaultTenant() {
        return new TenantContext(config.defaultTenant(), config.publicBaseUrl());
    }

    /** "Raid.Tavern.example:443" becomes "raid.tavern.example"; an IPv6 literal keeps its brackets. */
    static String hostnameOf(String host) {
        if (host == null) {
            return "";
        }
        String value = host.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end > 0 ? value.substring(0, end + 1) : value;
        }
        int colon = value.indexOf(':');
        return colon >= 0 ? value.substring(0, colon) : value;
    }
}
