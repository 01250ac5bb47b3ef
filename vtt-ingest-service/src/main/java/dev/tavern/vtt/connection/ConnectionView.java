package dev.tavern.vtt.connection;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A VTT connection as the APIs show it; {@code apiKey} only in the answer that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionView(UUID id, String name, String provider, ConnectionStatus status, String apiKey) {

    public static ConnectionView of(VttConnection connection) {
        return new ConnectionView(connection.id, connection.name, connection.provider, connection.status, null);
    }
}
