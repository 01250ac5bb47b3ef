package dev.tavern.ceiling.ingest;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code POST /rolls} with a roll as its body: one INSERT (its own durable commit), then one Kafka record,
 * acknowledged by the broker, then {@code 200 {"rollId":"..."}}. A plain Vert.x route on the event loop, so the
 * request costs no more than that work.
 */
@ApplicationScoped
public class RollIntake {

    private static final String INSERT = "INSERT INTO ingest_ceiling.roll (id, body) VALUES ($1, $2)";

    private final Pool pool;
    private final MutinyEmitter<String> rolls;

    RollIntake(Pool pool, @Channel("rolls") MutinyEmitter<String> rolls) {
        this.pool = pool;
        this.rolls = rolls;
    }

    /** Static: the router is set up before messaging has wired the emitter this bean needs, so it is made on first use. */
    static void route(@Observes Router router, Instance<RollIntake> intake) {
        router.post("/rolls").handler(BodyHandler.create()).handler(context -> intake.get().record(context));
    }

    void record(RoutingContext context) {
        UUID id = UUID.randomUUID();
        String roll = context.body().asString();
        pool.preparedQuery(INSERT).execute(Tuple.of(id, roll))
                .flatMap(inserted -> rolls.send(roll))
                .subscribe().with(
                        sent -> context.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                                .end("{\"rollId\":\"" + id + "\"}"),
                        context::fail);
    }
}
