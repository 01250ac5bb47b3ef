package dev.tavern.vtt.connection;

import java.util.UUID;

/** The active VTT connection an API key proves: what a webhook request needs of it, held in memory. */
public record ActiveConnection(UUID id, String tenantId, String name, String provider) {
}
