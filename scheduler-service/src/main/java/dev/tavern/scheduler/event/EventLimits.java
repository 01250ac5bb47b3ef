package dev.tavern.scheduler.event;

/** Bounds that keep one public event from growing without limit. */
public final class EventLimits {

    public static final int MAX_TITLE = 200;
    public static final int MAX_DESCRIPTION = 5000;
    public static final int MAX_LOCATION = 500;
    public static final int MAX_NAME = 80;
    public static final int MAX_SLOTS = 100;
    public static final int MAX_PARTICIPANTS = 1000;

    private EventLimits() {
    }
}
