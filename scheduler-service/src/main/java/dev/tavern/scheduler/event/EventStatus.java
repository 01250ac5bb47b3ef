package dev.tavern.scheduler.event;

public enum EventStatus {
    /** Players vote on the candidate time slots. */
    VOTING,
    /** The host locked in a slot and a location. */
    FINALIZED,
    /** The host called it off. */
    CANCELLED
}
