package dev.tavern.load.drill;

import static dev.tavern.load.drill.Timeline.seconds;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.tavern.local.ServiceProcess;
import dev.tavern.local.TavernService;
import dev.tavern.local.VttSetup.Campaign;

/**
 * A second broadcast-gateway replica carries a few hundred viewers of campaign channels while rolls keep coming; it is
 * killed (SIGKILL) and every viewer reconnects to the surviving replica with {@code ?since=<last position>}. A
 * position from one replica means the same on every other, so the survivor sends each viewer what it missed: every roll must
 * reach every viewer of its campaign, a repeat being recognisable by its roll id.
 *
 * <p>Counted per viewer and roll: delivered, duplicated and lost are (viewer, roll) pairs; sent and accepted are
 * rolls.
 */
final class GatewayFailoverDrill implements FaultDrill {

    private static final int VIEWERS = 200;
    private static final int CAMPAIGNS = 4;
    private static final int ROLLS_PER_SECOND = 40;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration BEFORE = Duration.ofSeconds(3);
    /** Rolls keep coming this long: the viewers' positions, the kill and the reconnection all happen within it. */
    private static final Duration LOAD = Duration.ofSeconds(20);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "gateway-replica-sigkill";
    }

    @Override
    public String what() {
        return VIEWERS + " viewers of " + CAMPAIGNS + " campaign channels on a second gateway replica, killed with SIGKILL "
                + "under " + ROLLS_PER_SECOND + " rolls/s; viewers reconnect to the surviving replica with "
                + "?since=<last position>; "
                + "delivered/duplicated/lost count (viewer, roll) pairs";
    }

    @Override
    public DrillOutcome run(DrillKit kit, Timeline timeline) throws Exception {
        IngestLoad load = IngestLoad.prepare(kit, name(), CAMPAIGNS);
        Ledger ledger = load.ledger();
        ServiceProcess survivor = kit.service(TavernService.BROADCAST_GATEWAY);
        ServiceProcess doomed = kit.stack().startReplica(TavernService.BROADCAST_GATEWAY);
        timeline.mark("second gateway replica healthy (pid %d)", doomed.process().pid());

        Map<Viewer, Campaign> viewers = viewers(kit, load);
        try {
            viewers.keySet().forEach(viewer -> viewer.watch(doomed));
            boolean connected = DrillKit.await(CONNECT_TIMEOUT, () -> viewers.keySet().stream().allMatch(Viewer::connected));
            timeline.mark("%s viewers connected to the replica", connected ? "all " + VIEWERS : "NOT all");

            BackgroundLoad posting = load.start(ROLLS_PER_SECOND, LOAD, timeline);
            // Every viewer must have a position to come back with before its gateway goes.
            DrillKit.await(CONNECT_TIMEOUT, () -> viewers.keySet().stream().allMatch(Viewer::hasPosition));
            Thread.sleep(BEFORE.toMillis());

            viewers.keySet().forEach(viewer -> viewer.failOverTo(survivor));
            long pid = doomed.process().pid();
            doomed.kill();
            long killedAt = System.nanoTime();
            long acceptedAtKill = ledger.acceptedCount();
            timeline.mark("SIGKILL to the replica (pid %d); %d rolls accepted so far", pid, acceptedAtKill);
            boolean reconnected = DrillKit.await(CONNECT_TIMEOUT, () -> viewers.keySet().stream()
                    .allMatch(viewer -> viewer.connections() >= 2 && viewer.connected()));
            Duration reconnectedAfter = Duration.ofNanos(System.nanoTime() - killedAt);
            long acceptedWhileAway = ledger.acceptedCount() - acceptedAtKill;
            timeline.mark("%s viewers reconnected to the survivor; %d rolls accepted in between",
                    reconnected ? "all" : "NOT all", acceptedWhileAway);

            posting.finish(ledger, timeline);
            Map<Campaign, Set<String>> expected = new HashMap<>();
            load.campaigns().forEach(campaign ->
                    expected.put(campaign, new HashSet<>(ledger.acceptedIdentities(load.itemPrefix(campaign)))));
            boolean delivered = DrillKit.await(DELIVERY_TIMEOUT, () -> viewers.entrySet().stream()
                    .allMatch(viewer -> viewer.getKey().receivedAll(expected.get(viewer.getValue()))));
            timeline.mark(delivered ? "every viewer has every roll of its campaign" : "gave up waiting for missing rolls");
            return outcome(ledger, viewers, expected, timeline, String.format("%s reconnected %.1f s after the kill; "
                            + "%d rolls were accepted in between (a viewer could only get those through since)",
                    reconnected ? "every viewer" : "NOT every viewer", seconds(reconnectedAfter), acceptedWhileAway));
        } finally {
            viewers.keySet().forEach(Viewer::leave);
        }
    }

    /** {@code VIEWERS} viewers spread evenly over the campaigns' channels. */
    private static Map<Viewer, Campaign> viewers(DrillKit kit, IngestLoad load) {
        Map<Campaign, String> tokens = new HashMap<>();
        load.campaigns().forEach(campaign -> tokens.put(campaign, load.tenant().subscriptionToken(channel(campaign))));
        Map<Viewer, Campaign> viewers = new LinkedHashMap<>();
        for (int i = 0; i < VIEWERS; i++) {
            Campaign campaign = load.campaigns().get(i % CAMPAIGNS);
            viewers.put(new Viewer(kit, channel(campaign), tokens.get(campaign)), campaign);
        }
        return viewers;
    }

    private DrillOutcome outcome(Ledger ledger, Map<Viewer, Campaign> viewers, Map<Campaign, Set<String>> expected,
                                 Timeline timeline, String notes) {
        Set<String> everyAccepted = new HashSet<>();
        expected.values().forEach(everyAccepted::addAll);
        long delivered = 0;
        long duplicated = 0;
        long lost = 0;
        long unacknowledged = 0;
        long resyncs = 0;
        for (Map.Entry<Viewer, Campaign> entry : viewers.entrySet()) {
            Viewer viewer = entry.getKey();
            Set<String> rolls = expected.get(entry.getValue());
            long arrived = viewer.delivered(rolls);
            delivered += arrived;
            lost += rolls.size() - arrived;
            duplicated += viewer.duplicated();
            unacknowledged += viewer.unexpected(everyAccepted);
            resyncs += viewer.resyncs();
        }
        StringBuilder all = new StringBuilder(notes);
        all.append(String.format("; %d viewers × their campaign's accepted rolls = %d (viewer, roll) pairs expected",
                viewers.size(), delivered + lost));
        all.append(resyncs == 0 ? "; no resync answer"
                : String.format("; %d resync answers (the survivor's history did not reach back to the viewer's position: "
                        + "an overlay would reload; the rolls it missed are counted lost)", resyncs));
        if (unacknowledged > 0) {
            all.append(String.format("; %d (viewer, roll) arrivals of rolls whose POST got no acknowledgement",
                    unacknowledged));
        }
        all.append("; rolls not accepted: ").append(ledger.refusals());
        return new DrillOutcome(name(), what(), ledger.sentCount(), ledger.acceptedCount(), delivered, duplicated, lost,
                timeline.elapsed(), all.toString());
    }

    private static String channel(Campaign campaign) {
        return "campaign/" + campaign.id() + "/dice-rolls";
    }
}
