package dev.tavern.load.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.load.LoadClients;
import dev.tavern.load.LoadStack;
import dev.tavern.local.ServiceProcess;
import dev.tavern.local.TavernService;
import dev.tavern.local.VttSetup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * What every drill works with: the stack, the harness's load clients (one Vert.x, event loops, no thread per
 * connection: the generator shares the two cores with the stack), and the bookkeeping of requests.
 */
final class DrillKit implements AutoCloseable {

    private static final Duration AWAIT_STEP = Duration.ofMillis(100);

    private final LoadStack stack;
    private final LoadClients clients = LoadClients.create();
    private final ObjectMapper json = new ObjectMapper();

    DrillKit(LoadStack stack) {
        this.stack = stack;
    }

    LoadStack stack() {
        return stack;
    }

    LoadClients clients() {
        return clients;
    }

    Vertx vertx() {
        return clients.vertx();
    }

    ObjectMapper json() {
        return json;
    }

    ServiceProcess service(TavernService service) {
        return stack.service(service);
    }

    /** A tenant of the drill's own, so its rolls and channels are nobody else's. */
    VttSetup newTenant(String drill) {
        String id = "drill-" + drill + "-" + UUID.randomUUID().toString().substring(0, 8);
        return VttSetup.newTenant(service(TavernService.SCHEDULER).url(), service(TavernService.VTT_INGEST).url(),
                stack.tavern().operatorToken(), id);
    }

    /**
     * Books a request of an item as sent, and its answer when it comes: acknowledged with the identity the service
     * answered, or refused (another status, no answer in time) with the reason, e.g. {@code POST /api/events answered 503}.
     */
    static Future<String> book(Ledger ledger, String item, Future<String> answer) {
        ledger.sent();
        return answer.onSuccess(identity -> ledger.accepted(item, identity))
                .onFailure(failure -> ledger.refused(reasonOf(failure)));
    }

    /** A failure's message without its details (what follows the first colon), or its kind when it has none. */
    private static String reasonOf(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        int details = message.indexOf(':');
        return details > 0 ? message.substring(0, details) : message;
    }

    /** Waits until the condition holds or the timeout passes; answers whether it held. */
    static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(AWAIT_STEP.toMillis());
        }
        return true;
    }

    /**
     * Waits until every service answers its health check UP again, none restarted, and says how that went: a sentence
     * for the drill's notes.
     */
    String recovery(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        List<String> unhealthy = new ArrayList<>();
        for (TavernService service : TavernService.values()) {
            try {
                stack.service(service).awaitHealthy(timeout);
            } catch (IllegalStateException e) {
                unhealthy.add(e.getMessage());
            }
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        return unhealthy.isEmpty()
                ? String.format("every service healthy again, none restarted (%.1f s)", Timeline.seconds(waited))
                : "NOT RECOVERED: " + String.join("; ", unhealthy);
    }

    @Override
    public void close() {
        clients.close();
    }
}
