package dev.tavern.ceiling.ingest;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code POST /rolls} with a roll as its body: one INSERT (its own durable commit), then one Kafka record,
 * acknowledged by the broker, then {@code 200 {"rollId":"..."}}. A plain Vert.x route on the event loop, so the
 * request costs no more than that work. {@code POST /frames} does the same work onto the topic broadcast-ceiling reads,
 * so the ingest ceiling's records reach no WebSocket ceiling and the end-to-end ceiling's reach it.
 */
@ApplicationScoped
public class RollIntake {

    private static final String INSERT = "INSERT INTO ingest_ceiling.roll (id, body) VALUES ($1, $2)";
    private static final OutgoingKafkaRecordMetadata<?> ROLLS = OutgoingKafkaRecordMetadata.builder().withTopic("ingest-ceiling.rolls").build();
    private static final OutgoingKafkaRecordMetadata<?> FRAMES = OutgoingKafkaRecordMetadata.builder().withTopic("ingest-ceiling.frames").build();

    private final Pool pool;
    private final MutinyEmitter<String> records;

    RollIntake(Pool pool, @Channel("records") MutinyEmitter<String> records) {
        this.pool = pool;
        this.records = records;
    }

    /** Static: the router is set up before messaging has wired the emitter this bean needs, so it is made on first use. */
    static void route(@Observes Router router, Instance<RollIntake> intake) {
        router.post("/rolls").handler(BodyHandler.create()).handler(context -> intake.get().record(context, ROLLS));
        router.post("/frames").handler(BodyHandler.create()).handler(context -> intake.get().record(context, FRAMES));
    }

    void record(RoutingContext context, OutgoingKafkaRecordMetadata<?> topic) {
        UUID id = UUID.randomUUID();
        String body = context.body().asString();
        pool.preparedQuery(INSERT).execute(Tuple.of(id, body))
                .flatMap(inserted -> records.sendMessage(Message.of(body).addMetadata(topic)))
                .subscribe().with(
                        sent -> context.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                                .end("{\"rollId\":\"" + id + "\"}"),
                        context::fail);
    }
}
