package dev.tavern.http.errors;

import java.util.List;

/**
 * Recognises a unique-constraint violation (SQLSTATE 23505) anywhere in a failure's causes. The reactive PostgreSQL
 * client ({@code getSqlState}), JDBC and Hibernate ({@code getSQLState}) each carry the state on their own exception
 * type, and Hibernate Reactive does not keep the client's as a cause, so the state is read by its accessor: this
 * library then depends on none of them (the gateway has no Hibernate).
 */
public final class UniqueViolation {

    static final String SQL_STATE = "23505";
    private static final List<String> ACCESSORS = List.of("getSqlState", "getSQLState");

    private UniqueViolation() {
    }

    public static boolean test(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (SQL_STATE.equals(sqlStateOf(cause))) {
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
