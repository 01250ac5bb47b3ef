package dev.tavern.http.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

class ErrorMappersTest {

    private final ErrorMappers mappers = new ErrorMappers();

    @Test
    void anUnreachableDatabaseIsAnsweredWith503AndRetryAfter() {
        Response response = mappers.unexpected(new CompletionException(new ConnectException("Connection refused: localhost/127.0.0.1:5432")));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(response.getEntity()).isEqualTo(ErrorResponse.of("Service unavailable", "Try again in a few seconds"));
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
