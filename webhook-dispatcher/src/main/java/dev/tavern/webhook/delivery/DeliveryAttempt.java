package dev.tavern.webhook.delivery;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One POST to the receiver and what came of it. */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "delivery_id", nullable = false, updatable = false)
    public UUID deliveryId;

    @Column(name = "attempt_number", nullable = false, updatable = false)
    public int attemptNumber;

    @Column(name = "attempted_at", nullable = false, updatable = false)
    public Instant attemptedAt;

    @Column(name = "status_code", updatable = false)
    public Integer statusCode;

    @Column(name = "latency_ms", nullable = false, updatable = false)
    public long latencyMs;

    @Column(updatable = false)
    public String error;

    @Column(name = "response_body", updatable = false)
    public String responseBody;
}
