package dev.tavern.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the next attempt of a delivery goes out: on the next whole interval, counted from the first attempt, after the
 * one that just started (not after it ended, so a slow failure skips no slot, and not from the last one's start, so
 * a late start shifts none after it), up to and including the end of the window. With the defaults, 5 minutes and
 * 1 hour, that is 13 attempts, at 0, 5, 10, … 60 minutes, so a receiver that is back just before the hour still gets
 * its webhook.
 */
record RetrySchedule(Duration interval, Duration window) {

    /** The next attempt's time after the attempt that started at {@code attemptedAt}, or empty when the window has no room left. */
    Optional<Instant> next(Instant firstAttemptAt, Instant attemptedAt) {
        long elapsedIntervals = Duration.between(firstAttemptAt, attemptedAt).toNanos() / interval.toNanos();
        Instant due = firstAttemptAt.plus(interval.multipliedBy(Math.max(0, elapsedIntervals) + 1));
        return due.isAfter(firstAttemptAt.plus(window)) ? Optional.empty() : Optional.of(due);
    }
}
