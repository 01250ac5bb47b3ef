package dev.tavern.scheduler.tenant;

/** The tenant a request is for, resolved from its Host. */
public record TenantContext(String id, String publicBaseUrl) {

    public String link(String path) {
        return publicBaseUrl.replaceAll("/+$", "") + path;
    }
}
