package dev.tavern.http.outbound;

/** A webhook URL Tavern will not call, and why. */
public class RefusedTargetException extends RuntimeException {

    private final boolean unresolved;

    public RefusedTargetException(String reason) {
        this(reason, false);
    }

    RefusedTargetException(String reason, boolean unresolved) {
        super(reason, null, false, false);
        this.unresolved = unresolved;
    }

    /** The host did not resolve now: it may later, so only the attempt itself gives up on it. */
    public boolean unresolved() {
        return unresolved;
    }
}
