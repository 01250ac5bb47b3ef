package dev.tavern.scheduler.tenant;

import java.util.Locale;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;

import dev.tavern.http.errors.ApiException;
import dev.tavern.scheduler.SchedulerConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The tenant this request is for, from its Host, looked up once however many times the request asks: a hostname a
 * tenant claims is theirs; every other host serves the default tenant (a deleted tenant's former hostnames too, as it
 * claims none). A suspended tenant's hostnames are refused: 403, "Community suspended".
 */
@RequestScoped
public class RequestTenant {

    private final Uni<TenantContext> tenant;

    RequestTenant(SchedulerConfig config, HttpServerRequest request) {
        String hostname = hostnameOf(request.getHeader(HttpHeaders.HOST));
        TenantContext defaultTenant = new TenantContext(config.defaultTenant(), config.publicBaseUrl());
        this.tenant = Uni.createFrom().deferred(() -> Panache.withSession(() -> TenantHostname.<TenantHostname>findById(hostname)
                        .flatMap(claimed -> claimed == null
                                ? Uni.createFrom().item(defaultTenant)
                                : Tenant.<Tenant>findById(claimed.tenantId).map(RequestTenant::served))))
                .memoize().indefinitely();
    }

    private static TenantContext served(Tenant tenant) {
        if (tenant.status == TenantStatus.SUSPENDED) {
            throw ApiException.forbidden("Community suspended");
        }
        return new TenantContext(tenant.id, tenant.publicBaseUrl);
    }

    /** Fails with the refusal of a suspended tenant; joins the caller's Hibernate Reactive session, or opens one. */
    public Uni<TenantContext> get() {
        return tenant;
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
