package dev.tavern.load.drill;

import java.time.Duration;
import java.util.Map;

import dev.tavern.local.TavernService;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/**
 * Game sessions created through scheduler-service's API, open loop at a fixed rate, each with {@code fromUrl} pointing
 * at the drill's receiver, so each becomes one CREATED webhook. An event's item is its {@code fromUrlId},
 * {@code <drill>-<n>}; its identity the scheduler's event id, which the webhook carries back.
 */
final class EventLoad {

    private static final String EVENTS_PATH = "/api/events";

    private final DrillKit kit;
    private final String drill;
    private final String fromUrl;
    private final Ledger ledger;

    EventLoad(DrillKit kit, String drill, String fromUrl, Ledger ledger) {
        this.kit = kit;
        this.drill = drill;
        this.fromUrl = fromUrl;
        this.ledger = ledger;
    }

    /** Starts creating events in the background for {@code duration}. */
    BackgroundLoad start(double eventsPerSecond, Duration duration, Timeline timeline) {
        int scheduler = kit.service(TavernService.SCHEDULER).port();
        timeline.mark("creating events at %.0f/s for %d s, webhooks to %s", eventsPerSecond, duration.toSeconds(), fromUrl);
        return BackgroundLoad.start(kit, drill, eventsPerSecond, duration, (n, intended) -> create(scheduler, n));
    }

    private Future<String> create(int schedulerPort, long n) {
        String fromUrlId = drill + "-" + n;
        JsonObject event = new JsonObject().put("title", "Drill night " + n).put("minPlayers", 3)
                .put("fromUrl", fromUrl).put("fromUrlId", fromUrlId);
        Future<String> created = kit.clients().send(HttpMethod.POST, schedulerPort, EVENTS_PATH,
                        Map.of("Content-Type", "application/json"), event.toBuffer())
                .map(answer -> Long.toString(answer.toJsonObject().getLong("id")));
        return DrillKit.book(ledger, fromUrlId, created);
    }
}
