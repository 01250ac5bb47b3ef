package dev.tavern.vtt.connection;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record NewConnectionRequest(
        @NotBlank(message = "Name is required") @Size(max = 200) String name,
        @NotBlank(message = "Provider is required") @Size(max = 100) String provider) {
}
