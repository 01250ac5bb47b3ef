package dev.tavern.vtt.connection;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A VTT connection as the APIs show it; {@code apiKey} only in the answer that created or rotated it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionView(UUID id, String name, String provider, ConnectionStatus status,
                             @Schema(description = "Shown once: configure it in the VTT module") String apiKey,
                             Instant createdAt, Instant lastSeenAt) {

    public static ConnectionView of(VttConnection c) {
        return new ConnectionView(c.id(), c.name(), c.provider(), c.status(), null, c.createdAt(), c.lastSeenAt());
    }

    static ConnectionView withKey(VttConnection c, String apiKey) {
        return new ConnectionView(c.id(), c.name(), c.provider(), c.status(), apiKey, c.createdAt(), c.lastSeenAt());
    }

    /** The VTT API document's {@code connection} object: id, name, provider, status. */
    public record Summary(String id, String name, String provider, ConnectionStatus status) {

        public static Summary of(ActiveConnection c) {
            return new Summary(c.id().toString(), c.name(), c.provider(), ConnectionStatus.active);
        }
    }
}
