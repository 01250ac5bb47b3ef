package dev.tavern.rest.errors;

import jakarta.ws.rs.core.Response;

/** A failure the client caused or can act on, answered with its status and an {@link ErrorResponse}. */
public class ApiException extends RuntimeException {

    private final int status;
    private final ErrorResponse body;

    public ApiException(Response.Status status, ErrorResponse body) {
        this(status.getStatusCode(), body);
    }

    public ApiException(int status, ErrorResponse body) {
        super(body.error() + (body.message() == null ? "" : ": " + body.message()), null, false, false);
        this.status = status;
        this.body = body;
    }

    public static ApiException notFound(String error, String message) {
        return new ApiException(Response.Status.NOT_FOUND, ErrorResponse.of(error, message));
    }

    public static ApiException conflict(String message) {
        return new ApiException(Response.Status.CONFLICT, ErrorResponse.of("Conflict", message));
    }

    public static ApiException unauthorized(String error) {
        return new ApiException(Response.Status.UNAUTHORIZED, ErrorResponse.of(error));
    }

    public static ApiException forbidden(String error) {
        return new ApiException(Response.Status.FORBIDDEN, ErrorResponse.of(error));
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(Response.Status.BAD_REQUEST,
                ErrorResponse.validation(java.util.Map.of(field, java.util.List.of(message))));
    }

    public int status() {
        return status;
    }

    public ErrorResponse body() {
        return body;
    }
}
