package dev.tavern.vtt.tenant;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A community: owns VTT connections, campaigns and streamers; its admin key manages them. */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(name = "admin_key_hash", nullable = false)
    public byte[] adminKeyHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}
