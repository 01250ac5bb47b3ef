package dev.tavern.webhook.delivery;

public enum DeliveryStatus {
    /** Not yet acknowledged by the receiver; attempts continue. */
    PENDING,
    /** The receiver answered 2xx. */
    DELIVERED,
    /** Given up for good. */
    FAILED
}
