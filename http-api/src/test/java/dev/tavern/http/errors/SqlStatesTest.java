package dev.tavern.http.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** Failures are recognised by their SQLSTATE, however deep and under whichever driver's exception. */
class SqlStatesTest {

    @Test
    void aUniqueViolationIsFoundAmongTheCauses() {
        assertThat(SqlStates.isUniqueViolation(new IllegalStateException("wrapped", new SQLException("duplicate key", "23505")))).isTrue();
        assertThat(SqlStates.isUniqueViolation(new RuntimeException(new RuntimeException(new SQLException("dup", "23505"))))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(SqlStates.isUniqueViolation(new SQLException("check violated", "23514"))).isFalse();
        assertThat(SqlStates.isUniqueViolation(new IllegalArgumentException("no state"))).isFalse();
        assertThat(SqlStates.isUniqueViolation(new SQLException("no state at all"))).isFalse();
    }

    @Test
    void unstorableTextIsRecognisedAndIsNotAUniqueViolation() {
        SQLException nul = new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
        assertThat(SqlStates.isUnstorableText(new IllegalStateException("wrapped", nul))).isTrue();
        assertThat(SqlStates.isUniqueViolation(nul)).isFalse();
        assertThat(SqlStates.isUnstorableText(new SQLException("dup", "23505"))).isFalse();
    }
}
