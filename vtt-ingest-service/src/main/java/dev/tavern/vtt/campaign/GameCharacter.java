package dev.tavern.vtt.campaign;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A character of a campaign, known by its VTT id; created on its first roll, assigned to at most one streamer. */
@Entity
@Table(name = "game_character")
public class GameCharacter extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "campaign_id", nullable = false, updatable = false)
    public UUID campaignId;

    @Column(name = "vtt_character_id", nullable = false, updatable = false)
    public String vttCharacterId;

    @Column(nullable = false)
    public String name;

    @Column(name = "streamer_id")
    public UUID streamerId;
}
