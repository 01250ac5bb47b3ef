package dev.tavern.vtt.roll;

import java.io.IOException;
import java.util.Map;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.http.errors.ApiException;
import dev.tavern.http.errors.ErrorMappers;
import dev.tavern.http.security.Roles;
import dev.tavern.vtt.IngestConfig;
import dev.tavern.vtt.connection.ActiveConnection;
import dev.tavern.vtt.connection.CurrentConnection;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.web.Route;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /webhooks/vtt/dice-roll}, the hot path, as a reactive route on the event loop rather than a REST
 * resource: the REST layer's filters, mappers and Mutiny pipeline cost more CPU per roll than recording it (the load
 * report's profiles, docs/performance.md), and nothing here needs them. The answers are the REST layer's: 413 for a
 * body over the limit (before anything else), 401 with the document's body unless Quarkus Security authenticates a
 * VTT connection ({@link dev.tavern.vtt.connection.VttConnectionIdentityProvider}), then 400/422, 404, 429 or 200,
 * each with the key's X-RateLimit headers, and {@link ErrorMappers#answer} for the rest (503 while the database is
 * away). A client that hangs up mid-request changes nothing: the roll is recorded and published, or neither, by one
 * statement that runs to its end, and the answer nobody reads is dropped.
 */
@ApplicationScoped
public class DiceRollRoute {

    static final String PATH = "/webhooks/vtt/dice-roll";
    static final String ENDPOINT = "dice-roll";
    private static final Logger LOG = Logger.getLogger(DiceRollRoute.class);
    private static final BiConsumer<RoutingContext, Throwable> ANSWERED_BY_ROUTE = (context, failure) -> { };
    /** After the cross-origin handler ({@link dev.tavern.vtt.cors.CrossOriginRoutes}), before the REST layer. */
    private static final int ORDER = 1;

    public record DiceRollResponse(boolean success, String rollId, String message) {
    }

    private final DiceRollService rolls;
    private final IngestMetrics metrics;
    private final IngestConfig config;
    private final ObjectMapper objectMapper;

    DiceRollRoute(DiceRollService rolls, IngestMetrics metrics, IngestConfig config, ObjectMapper objectMapper) {
        this.rolls = rolls;
        this.metrics = metrics;
        this.config = config;
        this.objectMapper = objectMapper;
    }

    @Route(path = PATH, methods = Route.HttpMethod.POST, order = ORDER)
    @Tag(name = "VTT webhooks")
    @SecurityRequirement(name = Roles.VTT_CONNECTION)
    @Operation(summary = "Record a dice roll", description = "A repeated rollId answers the first recording's id and is not published again.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = DiceRollRequest.class)))
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DiceRollResponse.class)))
    void diceRoll(RoutingContext context) {
        Buffer body = context.body().buffer();
        if (body != null && body.length() > config.maxBodyBytes()) {
            answer(context, BodySizeFilter.tooLarge(config));
            return;
        }
        // This route answers a failed authentication itself, in the document's shape, rather than the REST layer's handler.
        context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, ANSWERED_BY_ROUTE);
        QuarkusHttpUser.getSecurityIdentity(context, null).subscribe().with(
                identity -> record(context, identity, body == null ? "" : body.toString()),
                failure -> refuseUnauthenticated(context, failure));
    }

    /**
     * What fails before the route runs: a body over the limit while it is read (413), or a client that hung up or
     * reset its connection while sending it, which nobody is left to answer and is no error of the service's (a debug
     * line): the only connection in use so far is the client's. A plain Vert.x failure handler: a reactive route's
     * would need the request context, which a connection closed mid-body no longer has.
     */
    void handleFailures(@Observes Router router) {
        router.route(PATH).order(ORDER).failureHandler(this::failed);
    }

    private void failed(RoutingContext context) {
        Throwable failure = context.failure();
        if (failure instanceof HttpClosedException || failure instanceof IOException || context.response().closed()) {
            LOG.debugf("A client hung up while sending a dice roll: %s", failure);
            return;
        }
        answer(context, context.statusCode() == 413 ? BodySizeFilter.tooLarge(config) : ErrorMappers.answer(failure));
    }

    private void record(RoutingContext context, SecurityIdentity identity, String body) {
        ActiveConnection connection = CurrentConnection.of(identity);
        if (connection == null) {
            refuseUnauthenticated(context, null);
            return;
        }
        rolls.record(connection, body).onComplete(
                recorded -> {
                    metrics.accepted(ENDPOINT, recorded);
                    answer(context, 200, recorded.window().headers(),
                            new DiceRollResponse(true, recorded.id().toString(), "Dice roll recorded successfully"));
                },
                failure -> {
                    ApiException refusal = ErrorMappers.answer(failure);
                    metrics.refused(ENDPOINT, refusal);
                    answer(context, refusal);
                });
    }

    /** No credential, one that proves nobody, or one of another kind: the document's 401; an outage in between: 503. */
    private void refuseUnauthenticated(RoutingContext context, Throwable failure) {
        if (failure == null || failure instanceof AuthenticationException || failure instanceof UnauthorizedException
                || failure instanceof ForbiddenException) {
            metrics.unauthorized(ENDPOINT);
            answer(context, 401, Map.of(), Roles.refusal(Roles.VTT_CONNECTION));
            return;
        }
        ApiException refusal = ErrorMappers.answer(failure);
        metrics.refused(ENDPOINT, refusal);
        answer(context, refusal);
    }

    private void answer(RoutingContext context, ApiException refusal) {
        answer(context, refusal.status(), refusal.headers(), refusal.body());
    }

    private void answer(RoutingContext context, int status, Map<String, String> headers, Object body) {
        HttpServerResponse response = context.response();
        if (response.closed() || response.ended()) {
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8");
        headers.forEach(response::putHeader);
        try {
            response.end(Buffer.buffer(objectMapper.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
