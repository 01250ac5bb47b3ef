package dev.tavern.webhook.signing;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "signing_secret")
public class SigningSecret extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false, updatable = false)
    public byte[] ciphertext;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** Null for the current secret; set when a rotation retires it. */
    @Column(name = "valid_until")
    public Instant validUntil;
}
