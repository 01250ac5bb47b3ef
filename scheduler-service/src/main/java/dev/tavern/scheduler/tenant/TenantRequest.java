package dev.tavern.scheduler.tenant;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant as the operator creates it (with its id) or updates it (named by the path). */
public record TenantRequest(
        @Schema(description = "The tenant's id, for good: required to create it; an update names it in the path")
        @Pattern(regexp = Tenant.ID_PATTERN, message = "Must be 1 to 63 lower-case letters, digits and dashes, not starting with a dash")
        String id,
        @NotBlank(message = "Name is required") @Size(max = 200) String name,
        @Schema(description = "Prefix of the links handed out for this tenant, e.g. https://raid.tavern.example")
        @NotBlank(message = "Public base URL is required") @Pattern(regexp = "https?://[^\\s/]+(/\\S*)?", message = "Must be an absolute http(s) URL")
        @Size(max = 500) String publicBaseUrl,
        @Schema(description = "Hostnames whose requests belong to this tenant (internationalized ones in their xn-- form)")
        @NotNull(message = "Hostnames are required") @Size(max = 50)
        List<@NotNull @Size(max = 253) @Pattern(regexp = HOSTNAME, message = "Must be a hostname") String> hostnames) {

    /** Dot-separated labels of letters, digits and inner dashes, 63 characters at most each. */
    static final String HOSTNAME = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*";
}
