package dev.tavern.vtt;

import org.hibernate.exception.ConstraintViolationException;

import io.vertx.pgclient.PgException;

/** Recognises a unique-constraint violation (SQLSTATE 23505) anywhere in a failure's causes. */
public final class UniqueViolation {

    private UniqueViolation() {
    }

    public static boolean test(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && "23505".equals(pg.getSqlState())
                    || cause instanceof ConstraintViolationException hibernate && hibernate.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
                return true;
            }
        }
        return false;
    }
}
