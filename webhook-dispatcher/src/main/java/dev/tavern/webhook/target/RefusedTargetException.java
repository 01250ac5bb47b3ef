package dev.tavern.webhook.target;

/** A webhook URL Tavern will not call: the delivery fails for good, with this reason. */
public class RefusedTargetException extends RuntimeException {

    public RefusedTargetException(String reason) {
        super(reason, null, false, false);
    }
}
