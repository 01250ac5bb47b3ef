package dev.tavern.http.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

class ErrorMappersTest {

    private final ErrorMappers mappers = new ErrorMappers();

    @Test
    void anUnreachableDatabaseIsAnsweredWith503AndRetryAfter() {
        Response response = mappers.unexpected(new CompletionException(new ConnectException("Connection refused: localhost/127.0.0.1:5432")));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(response.getEntity()).isEqualTo(ErrorResponse.of("Service unavailable", "Try again in a few seconds"));
    }

    /** What a restarting PostgreSQL does to statements in flight: each is an outage to retry after, not an internal error. */
    @ParameterizedTest
    @MethodSource("databaseGoingAway")
    void aDatabaseConnectionLostMidRequestIsAnsweredWith503(Throwable failure) {
        Response response = mappers.unexpected(new CompletionException(failure));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
    }

    static Stream<Throwable> databaseGoingAway() {
        return Stream.of(new SocketException("Connection reset"),
                ClosedConnectionException.INSTANCE,
                new PgException("the database system is shutting down", "FATAL", "57P01", null),
                new PgException("the database system is starting up", "FATAL", "57P03", null),
                new PgException("terminating connection due to administrator command", "FATAL", "08006", null));
    }

    @Test
    void aStatementTheDatabaseRefusedIsNotAnOutage() {
        Response response = mappers.unexpected(new PgException("division by zero", "ERROR", "22012", null));

        assertThat(response.getStatus()).isEqualTo(500);
    }

    @Test
    void anythingElseUnexpectedIsA500WithAReferenceAndNoInternals() {
        Response response = mappers.unexpected(new IllegalStateException("secret internal detail"));

        assertThat(response.getStatus()).isEqualTo(500);
        ErrorResponse body = (ErrorResponse) response.getEntity();
        assertThat(body.error()).isEqualTo("Internal error");
        assertThat(body.message()).startsWith("Reference: ").doesNotContain("secret");
    }
}
