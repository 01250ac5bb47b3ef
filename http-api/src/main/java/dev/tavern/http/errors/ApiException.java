package dev.tavern.http.errors;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/** A failure the client caused or can act on, answered with its status and an {@link ErrorResponse}. */
public class ApiException extends RuntimeException {

    private final int status;
    private final ErrorResponse body;
    private final Map<String, String> headers;

    public ApiException(Response.Status status, ErrorResponse body) {
        this(status.getStatusCode(), body);
    }

    public ApiException(int status, ErrorResponse body) {
        this(status, body, Map.of());
    }

    public ApiException(int status, ErrorResponse body, Map<String, String> headers) {
        super(body.error() + (body.message() == null ? "" : ": " + body.message()), null, false, false);
        this.status = status;
        this.body = body;
        this.headers = headers;
    }

    /** 429 with {@code Retry-After} and whatever rate-limit headers the caller adds. */
    public static ApiException rateLimited(long retryAfterSeconds, Map<String, String> extraHeaders) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(extraHeaders);
        headers.put("Retry-After", Long.toString(retryAfterSeconds));
        return new ApiException(429, ErrorResponse.rateLimited(retryAfterSeconds), headers);
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
                ErrorResponse.validation(Map.of(field, List.of(message))));
    }

    public int status() {
        return status;
    }

    public ErrorResponse body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The same failure, answered with these headers too. */
    public ApiException withHeaders(Map<String, String> more) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(more);
        merged.putAll(headers);
        return new ApiException(status, body, merged);
    }
}
