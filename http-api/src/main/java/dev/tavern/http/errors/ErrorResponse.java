package dev.tavern.http.errors;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every Tavern error response, in the VTT API document's shape:
 * {@code {"error":"Validation failed","details":{"field":["message"]}}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(String error, String message, Map<String, List<String>> details, Long retryAfter) {

    public static ErrorResponse of(String error) {
        return new ErrorResponse(error, null, null, null);
    }

    public static ErrorResponse of(String error, String message) {
        return new ErrorResponse(error, message, null, null);
    }

    public static ErrorResponse validation(Map<String, List<String>> details) {
        return new ErrorResponse("Validation failed", null, details, null);
    }

    /** {@code {"error":"Rate limit exceeded","retryAfter":N}}, N in seconds. */
    public static ErrorResponse rateLimited(long retryAfterSeconds) {
        return new ErrorResponse("Rate limit exceeded", null, null, retryAfterSeconds);
    }
}
