package dev.tavern.scheduler.vote;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One participant's answer for one slot; {@code answeredAt} is their place in line for it. */
@Entity
@Table(name = "vote")
@IdClass(Vote.Key.class)
public class Vote extends PanacheEntityBase {

    @Id
    @Column(name = "participant_id")
    public Long participantId;

    @Id
    @Column(name = "slot_id")
    public Long slotId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Answer answer;

    @Column(name = "answered_at", nullable = false)
    public Instant answeredAt;

    public static class Key implements Serializable {
        public Long participantId;
        public Long slotId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(participantId, key.participantId) && Objects.equals(slotId, key.slotId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(participantId, slotId);
        }
    }
}
