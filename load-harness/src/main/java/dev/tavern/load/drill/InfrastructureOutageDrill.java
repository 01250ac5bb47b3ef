package dev.tavern.load.drill;

import static dev.tavern.load.drill.Timeline.seconds;

import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

import dev.tavern.infra.TavernInfrastructure;
import dev.tavern.load.FixedRateDriver;

/**
 * Kafka or PostgreSQL goes away while VTT modules keep posting rolls, then comes back on the same port and data. A
 * roll and its outbox record commit together in Postgres, so: without the broker, rolls are still accepted and the
 * outbox holds them until it is back; without the database, requests fail (not accepted, honestly counted) and the
 * services must find it again by themselves. Either way every accepted roll must reach the dice-rolls topic.
 */
final class InfrastructureOutageDrill implements FaultDrill {

    private static final int ROLLS_PER_SECOND = 50;
    private static final int CAMPAIGNS = 4;
    private static final Duration BEFORE = Duration.ofSeconds(5);
    /** Load goes on this long after the outage (less the time the component takes to stop and start). */
    private static final Duration AFTER = Duration.ofSeconds(10);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);

    /** The part of the infrastructure the drill takes away, and how. */
    private record Component(Runnable stop, Runnable start) {
    }

    private final String name;
    private final String component;
    private final Duration outage;
    private final Function<TavernInfrastructure, Component> find;

    private InfrastructureOutageDrill(String name, String component, Duration outage,
                                      Function<TavernInfrastructure, Component> find) {
        this.name = name;
        this.component = component;
        this.outage = outage;
        this.find = find;
    }

    static InfrastructureOutageDrill kafka() {
        return new InfrastructureOutageDrill("kafka-outage", "Kafka", Duration.ofSeconds(60), infrastructure -> {
            var broker = infrastructure.embeddedKafka()
                    .orElseThrow(() -> new IllegalStateException("The drill stops the embedded broker; this stack has none"));
            return new Component(broker::stop, broker::start);
        });
    }

    static InfrastructureOutageDrill postgres() {
        return new InfrastructureOutageDrill("postgres-restart", "PostgreSQL", Duration.ofSeconds(5), infrastructure -> {
            var server = infrastructure.embeddedPostgres()
                    .orElseThrow(() -> new IllegalStateException("The drill restarts the embedded PostgreSQL; none here"));
            return new Component(server::stop, server::start);
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String what() {
        return component + " stopped for " + outage.toSeconds() + " s, then started on the same port and data, under "
                + ROLLS_PER_SECOND + " rolls/s (open loop) to vtt-ingest-service; rolls counted on the dice-rolls topic";
    }

    @Override
    public DrillOutcome run(DrillKit kit, Timeline timeline) throws Exception {
        Component target = find.apply(kit.stack().tavern().infrastructure());
        IngestLoad load = IngestLoad.prepare(kit, name, CAMPAIGNS);
        Ledger ledger = load.ledger();
        try (RollTopicWatch watch = RollTopicWatch.start(kit, load.itemPrefix(), ledger)) {
            BackgroundLoad posting = load.start(ROLLS_PER_SECOND, BEFORE.plus(outage).plus(AFTER), timeline);
            Thread.sleep(BEFORE.toMillis());

            long acceptedBefore = ledger.acceptedCount();
            long refusedBefore = ledger.refusedCount();
            timeline.mark("stopping %s (%d rolls accepted so far)", component, acceptedBefore);
            target.stop().run();
            timeline.mark("%s stopped", component);
            Thread.sleep(outage.toMillis());
            timeline.mark("starting %s", component);
            target.start().run();
            long backAt = System.nanoTime();
            Duration back = timeline.elapsed();
            long acceptedWhileDown = ledger.acceptedCount() - acceptedBefore;
            long refusedWhileDown = ledger.refusedCount() - refusedBefore;
            timeline.mark("%s started: %d rolls accepted and %d refused while it was away", component, acceptedWhileDown,
                    refusedWhileDown);

            // What was accepted until now must reach the topic while the load goes on.
            Set<String> acceptedUntilBack = ledger.acceptedItems();
            boolean caughtUp = DrillKit.await(DRAIN_TIMEOUT, () -> ledger.seenAll(acceptedUntilBack));
            Duration caughtUpAfter = timeline.elapsed().minus(back);
            timeline.mark(caughtUp ? "every roll accepted until then is on the topic"
                    : "rolls accepted until then still missing");

            FixedRateDriver.Result answers = posting.finish(ledger, timeline);
            boolean drained = DrillKit.await(DRAIN_TIMEOUT, ledger::settled);
            timeline.mark(drained ? "every accepted roll is on the topic"
                    : "gave up waiting: %d accepted rolls not on the topic", ledger.lost());
            String recovery = kit.recovery(RECOVERY_TIMEOUT);
            timeline.mark("%s", recovery);

            StringBuilder notes = new StringBuilder(String.format("while %s was away: %d rolls accepted, %d not; %s",
                    component, acceptedWhileDown, refusedWhileDown, BackgroundLoad.answers(answers)));
            if (ledger.lastRefusalNanos() > backAt) {
                notes.append(String.format("; last refusal %.1f s after it was back",
                        seconds(Duration.ofNanos(ledger.lastRefusalNanos() - backAt))));
            }
            notes.append(caughtUp
                    ? String.format("; every roll accepted until it was back on the topic %.1f s later",
                            seconds(caughtUpAfter))
                    : String.format("; rolls accepted until it was back still missing %.0f s later", seconds(caughtUpAfter)));
            notes.append("; ").append(recovery);
            return ledger.outcome(name, what(), timeline.elapsed(), notes.toString());
        }
    }
}
