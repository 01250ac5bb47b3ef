package dev.tavern.scheduler.tenant;

public enum TenantStatus {
    /** Served on its hostnames. */
    ACTIVE,
    /** Refused everywhere until resumed. */
    SUSPENDED,
    /** Refused for good: its hostnames are released, its id is never reused. */
    DELETED
}
