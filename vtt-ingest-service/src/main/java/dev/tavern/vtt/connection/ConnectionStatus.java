package dev.tavern.vtt.connection;

public enum ConnectionStatus {
    active,
    revoked
}
