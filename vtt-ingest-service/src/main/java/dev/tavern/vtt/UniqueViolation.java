package dev.tavern.vtt;

import io.vertx.pgclient.PgException;

/** Recognises a unique-constraint violation (SQLSTATE 23505) anywhere in a failure's causes. */
public final class UniqueViolation {

    private UniqueViolation() {
    }

    public static boolean test(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
