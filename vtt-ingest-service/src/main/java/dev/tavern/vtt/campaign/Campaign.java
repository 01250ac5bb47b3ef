package dev.tavern.vtt.campaign;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A Tavern campaign, linked to one VTT world of one connection. */
@Entity
@Table(name = "campaign")
public class Campaign extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "connection_id", nullable = false)
    public UUID connectionId;

    @Column(name = "vtt_campaign_id", nullable = false)
    public String vttCampaignId;

    @Column(nullable = false)
    public String name;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}
