package dev.tavern.scheduler.event;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "event")
public class Event extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false, updatable = false)
    public String slug;

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(name = "min_players", nullable = false)
    public int minPlayers;

    @Column(name = "max_players")
    public Integer maxPlayers;

    @Column(nullable = false)
    public String timezone;

    @Column(name = "from_url", updatable = false)
    public String fromUrl;

    @Column(name = "from_url_id", updatable = false)
    public String fromUrlId;

    @Column(name = "host_token_hash", nullable = false, updatable = false)
    public byte[] hostTokenHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EventStatus status;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "finalized_slot_id")
    public Long finalizedSlotId;

    public String location;

    @Column(name = "finalized_at")
    public Instant finalizedAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    /** iCalendar SEQUENCE of the finalized event: bumped on every change after finalization. */
    @Column(name = "calendar_sequence", nullable = false)
    public int calendarSequence;
}
