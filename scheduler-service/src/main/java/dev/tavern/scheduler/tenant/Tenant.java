package dev.tavern.scheduler.tenant;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A community reached on its own hostnames; its public base URL prefixes the links Tavern hands out. This service owns
 * tenants: every change is published on {@code tavern.tenants.v1} ({@link dev.tavern.scheduler.topic.TenantEvents}).
 */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {

    /** The topic's contract allows no other ids: every service files the tenant's data under it. */
    public static final String ID_PATTERN = "[a-z0-9][a-z0-9-]{0,62}";

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(name = "public_base_url", nullable = false)
    public String publicBaseUrl;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TenantStatus status;

    /** SHA-256 of the admin key, which is shown once; null for a tenant created before keys were issued, or deleted. */
    @Column(name = "admin_key_hash")
    public byte[] adminKeyHash;

    /** Counts the tenant's changes, each published with it. */
    @Column(nullable = false)
    public int revision;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}
