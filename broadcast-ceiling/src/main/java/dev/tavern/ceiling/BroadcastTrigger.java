package dev.tavern.ceiling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /broadcast?channel=a&channel=b} with the frame as its body: sends it to every connection of those
 * channels, then answers 204. A plain Vert.x route, so the trigger costs no more than the frames it sends.
 */
@ApplicationScoped
public class BroadcastTrigger {

    void route(@Observes Router router, Subscribers subscribers) {
        router.post("/broadcast").handler(BodyHandler.create()).handler(context -> {
            String frame = context.body().asString();
            context.queryParam("channel").forEach(channel -> subscribers.send(channel, frame));
            context.response().setStatusCode(204).end();
        });
    }
}
