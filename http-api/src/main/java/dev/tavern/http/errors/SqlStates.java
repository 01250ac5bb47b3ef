package dev.tavern.http.errors;

import java.util.List;
import java.util.function.Predicate;

/**
 * Recognises a database failure by its SQLSTATE anywhere in a failure's causes. The reactive PostgreSQL client
 * ({@code getSqlState}), JDBC and Hibernate ({@code getSQLState}) each carry the state on their own exception type,
 * and Hibernate Reactive does not keep the client's as a cause, so the state is read by its accessor: this library
 * then depends on none of them (the gateway has no Hibernate).
 */
public final class SqlStates {

    static final String UNIQUE_VIOLATION = "23505";
    static final String FOREIGN_KEY_VIOLATION = "23503";
    /** Postgres text cannot hold U+0000: "invalid byte sequence for encoding UTF8: 0x00". */
    static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";
    /** Class 08, connection exception: the connection to the database failed or broke. */
    static final String CONNECTION_EXCEPTION_CLASS = "08";
    /** Admin shutdown, crash shutdown, cannot connect now: the database is stopping or not yet accepting work. */
    static final List<String> SERVER_UNAVAILABLE = List.of("57P01", "57P02", "57P03");
    private static final List<String> ACCESSORS = List.of("getSqlState", "getSQLState");

    private SqlStates() {
    }

    /** Two requests created the same thing at once. */
    public static boolean isUniqueViolation(Throwable failure) {
        return hasState(failure, UNIQUE_VIOLATION);
    }

    /** A row refers to one that is not there (or not yet, for the writer that lost a race to create it). */
    public static boolean isForeignKeyViolation(Throwable failure) {
        return hasState(failure, FOREIGN_KEY_VIOLATION);
    }

    /** Text the database cannot store: a NUL character that no validation caught first. */
    public static boolean isUnstorableText(Throwable failure) {
        return hasState(failure, CHARACTER_NOT_IN_REPERTOIRE);
    }

    /** The database is going away, coming back or cut off: a condition to retry after, not a bug. */
    public static boolean isUnavailable(Throwable failure) {
        return hasState(failure, state -> state.startsWith(CONNECTION_EXCEPTION_CLASS) || SERVER_UNAVAILABLE.contains(state));
    }

    private static boolean hasState(Throwable failure, String state) {
        return hasState(failure, state::equals);
    }

    private static boolean hasState(Throwable failure, Predicate<String> state) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String found = sqlStateOf(cause);
            if (found != null && state.test(found)) {
                return true;
            }
        }
        return false;
    }

    private static String sqlStateOf(Throwable cause) {
        for (String accessor : ACCESSORS) {
            try {
                if (cause.getClass().getMethod(accessor).invoke(cause) instanceof String state) {
                    return state;
                }
            } catch (ReflectiveOperationException | RuntimeException notThisKind) {
                // No such accessor on this exception type.
            }
        }
        return null;
    }
}
