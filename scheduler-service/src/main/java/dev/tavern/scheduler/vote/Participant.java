package dev.tavern.scheduler.vote;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Someone who answered an event's slots; no account, a token proves it is them. */
@Entity
@Table(name = "participant")
public class Participant extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, updatable = false)
    public Long eventId;

    @Column(nullable = false)
    public String name;

    @Column(name = "token_hash", nullable = false, updatable = false)
    public byte[] tokenHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}
