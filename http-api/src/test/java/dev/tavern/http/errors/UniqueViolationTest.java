package dev.tavern.http.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** A unique violation is recognised by its SQLSTATE, however deep and under whichever driver's exception. */
class UniqueViolationTest {

    @Test
    void aUniqueViolationIsFoundAmongTheCauses() {
        assertThat(UniqueViolation.test(new IllegalStateException("wrapped", new SQLException("duplicate key", "23505")))).isTrue();
        assertThat(UniqueViolation.test(new RuntimeException(new RuntimeException(new SQLException("dup", "23505"))))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(UniqueViolation.test(new SQLException("check violated", "23514"))).isFalse();
        assertThat(UniqueViolation.test(new IllegalArgumentException("no state"))).isFalse();
        assertThat(UniqueViolation.test(new SQLException("no state at all"))).isFalse();
    }
}
