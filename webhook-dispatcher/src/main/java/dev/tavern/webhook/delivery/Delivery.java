package dev.tavern.webhook.delivery;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One webhook to send; its id is the {@code webhook-id} header, stable across attempts. */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "cloud_event_id", nullable = false, updatable = false)
    public UUID cloudEventId;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "event_id", nullable = false, updatable = false)
    public long eventId;

    @Column(name = "event_type", nullable = false, updatable = false)
    public String eventType;

    @Column(name = "target_url", nullable = false, updatable = false)
    public String targetUrl;

    @Column(nullable = false, updatable = false)
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryStatus status;

    @Column(name = "attempt_count", nullable = false)
    public int attemptCount;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "last_error")
    public String lastError;

    /** Order of intake: a later delivery of the same event waits while an earlier one is pending. */
    @Column(name = "intake_seq", insertable = false, updatable = false)
    public Long intakeSeq;

    @Column(name = "first_attempt_at")
    public Instant firstAttemptAt;
}
