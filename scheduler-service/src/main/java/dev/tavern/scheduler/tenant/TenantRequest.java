package dev.tavern.scheduler.tenant;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record TenantRequest(
        @NotBlank(message = "Name is required") @Size(max = 200) String name,
        @Schema(description = "Prefix of the links handed out for this tenant, e.g. https://raid.tavern.example")
        @NotBlank(message = "Public base URL is required") @Pattern(regexp = "https?://[^\\s/]+(/\\S*)?", message = "Must be an absolute http(s) URL")
        @Size(max = 500) String publicBaseUrl,
        @Schema(description = "Hostnames whose requests belong to this tenant")
        @NotNull(message = "Hostnames are required") @Size(max = 50)
        List<@NotBlank @Pattern(regexp = "[A-Za-z0-9.-]{1,253}", message = "Must be a hostname") String> hostnames) {
}
