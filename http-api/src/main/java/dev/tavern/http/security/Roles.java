package dev.tavern.http.security;

import java.util.Map;

import dev.tavern.http.errors.ErrorResponse;

/**
 * The callers Tavern knows, as Quarkus Security roles, and what a route that needs one answers (401) to a request
 * without it. The bodies are the ones the API documents give: {@code {"error":"Invalid API Key"}} on the VTT routes.
 */
public final class Roles {

    /** Runs Tavern: the operator token ({@code Authorization: Bearer}). */
    public static final String OPERATOR = "operator";
    /** Manages one tenant's VTT resources: its admin key ({@code Bearer tadm_...}). */
    public static final String TENANT_ADMIN = "tenant-admin";
    /** How a tenant's admin key begins; scheduler-service issues it, the others know its hash from {@code tavern.tenants.v1}. */
    public static final String TENANT_ADMIN_KEY_PREFIX = "tadm_";
    /** A VTT module posting rolls: its connection's API key ({@code Bearer ta_...}). */
    public static final String VTT_CONNECTION = "vtt-connection";
    /** Manages one event: its host token ({@code X-Host-Token}, or the host page's cookie). */
    public static final String EVENT_HOST = "event-host";
    /** Changes their own answers in one event: their participant token ({@code X-Participant-Token}). */
    public static final String PARTICIPANT = "participant";

    private static final Map<String, ErrorResponse> REFUSALS = Map.of(
            OPERATOR, ErrorResponse.of("Invalid operator token"),
            TENANT_ADMIN, ErrorResponse.of("Invalid admin key"),
            VTT_CONNECTION, ErrorResponse.of("Invalid API Key"),
            EVENT_HOST, ErrorResponse.of("Host token required", "Send X-Host-Token or open the host link"),
            PARTICIPANT, ErrorResponse.of("Participant token required"));

    private Roles() {
    }

    /** The 401 body of a route that needs {@code role}. */
    public static ErrorResponse refusal(String role) {
        return REFUSALS.getOrDefault(role, ErrorResponse.of("Unauthorized"));
    }
}
