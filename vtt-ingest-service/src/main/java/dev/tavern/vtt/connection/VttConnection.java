package dev.tavern.vtt.connection;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "vtt_connection")
public class VttConnection extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String provider;

    @Column(name = "api_key_hash", nullable = false)
    public byte[] apiKeyHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConnectionStatus status;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "last_seen_at")
    public Instant lastSeenAt;
}
