package dev.tavern.scheduler.tenant;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A community reached on its own hostnames; its public base URL prefixes the links Tavern hands out. */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(name = "public_base_url", nullable = false)
    public String publicBaseUrl;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}
