package dev.tavern.http.errors;

import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.vertx.sqlclient.ClosedConnectionException;

/** Turns every failure into a JSON {@link ErrorResponse}; unexpected ones are logged, never exposed. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    /** Seconds a client should wait before retrying while a dependency (the database) is unreachable. */
    static final int UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return response(e);
    }

    /** The answer to a failure the client caused: its status, headers and JSON body. */
    public static Response response(ApiException e) {
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(e.body());
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        Map<String, List<String>> details = new TreeMap<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            details.computeIfAbsent(fieldOf(violation), k -> new ArrayList<>()).add(violation.getMessage());
        }
        return json(400, ErrorResponse.validation(details));
    }

    /** More specific than the framework's own mapper for it, which answers without our body. */
    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
            String message = e instanceof NulFreeStrings.NulCharacter ? NulFreeStrings.MESSAGE : "Has the wrong type or format";
            return json(400, ErrorResponse.validation(Map.of(field, List.of(message))));
        }
        return json(400, ErrorResponse.validation(Map.of("body", List.of("Is not valid JSON"))));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable);
        }
        if (status.getStatusCode() >= 500) {
            return unexpected(e);
        }
        return json(status.getStatusCode(), ErrorResponse.of(status.getReasonPhrase()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        return response(answer(e));
    }

    /**
     * The answer to any failure, for routes outside the REST layer too. A dependency that cannot be reached (the
     * database restarting, say) is a temporary condition, not a bug: 503 with Retry-After, so clients retry, and one
     * warning line instead of a stack trace per request. What no case covers is a 500 with a reference to the log.
     */
    public static ApiException answer(Throwable e) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (SqlStates.isUniqueViolation(e)) {
            // Two requests created the same thing at once (a tenant, a hostname, a secret): the loser is told, not failed.
            return new ApiException(409, ErrorResponse.of("Conflict", "It was created at the same time by another request; it exists now"));
        }
        if (SqlStates.isUnstorableText(e)) {
            // A form field with U+0000 (JSON strings are refused earlier, by name: NulFreeStrings); the transaction rolled back.
            return new ApiException(400, ErrorResponse.validation(Map.of("body", List.of(NulFreeStrings.MESSAGE))));
        }
        if (isUndecodableForm(e)) {
            return new ApiException(400, ErrorResponse.validation(Map.of("body", List.of("Is not a valid URL-encoded form"))));
        }
        if (causedByUnreachableDependency(e)) {
            LOG.warnf("Answering 503: a dependency is unreachable (%s)", e.getMessage());
            return new ApiException(503, ErrorResponse.of("Service unavailable", "Try again in a few seconds"),
                    Map.of("Retry-After", Integer.toString(UNAVAILABLE_RETRY_AFTER_SECONDS)));
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure answering a request (reference %s)", reference);
        return new ApiException(500, ErrorResponse.of("Internal error", "Reference: " + reference));
    }

    /** RESTEasy Reactive's form parser refuses a malformed percent-escape with a bare IllegalArgumentException. */
    private static boolean isUndecodableForm(Throwable e) {
        return e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("Failed to decode URL");
    }

    /**
     * Refused or reset connections, a database connection lost mid-statement, or the database saying it is shutting
     * down or starting up: what a restarting PostgreSQL does to the requests in flight.
     */
    private static boolean causedByUnreachableDependency(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketException || cause instanceof ClosedConnectionException) {
                return true;
            }
        }
        return SqlStates.isUnavailable(e);
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // Property paths look like "create.request.title": keep what follows the method parameter.
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    private static Response json(int status, ErrorResponse body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
