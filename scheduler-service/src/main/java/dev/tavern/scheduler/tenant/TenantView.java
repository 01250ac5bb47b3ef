package dev.tavern.scheduler.tenant;

import java.util.List;

public record TenantView(String id, String name, String publicBaseUrl, List<String> hostnames) {
}
