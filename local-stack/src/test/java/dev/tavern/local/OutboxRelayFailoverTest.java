package dev.tavern.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.infra.test.TopicProbe;

/**
 * Two scheduler-service processes share one outbox. The replica holding the relay's lock is frozen (SIGSTOP) in the
 * middle of a batch, its transaction open, as a node cut off by a network partition would leave it: Postgres ends
 * that session, and the other replica publishes what was created meanwhile within 30 s. Thawed, the frozen replica
 * serves and publishes again, and every event created along the way reaches the topic.
 */
class OutboxRelayFailoverTest {

    private static final String TOPIC = "tavern.scheduling.events.v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration LOCK_FREED_WITHIN = Duration.ofSeconds(30);
    /** The frozen replica's relay waits this long for a batch to fill, so a freeze catches it holding the lock. */
    private static final String SLOW_BATCH_LINGER_MS = "1000";
    private static final String EAGER_POLL = "10ms";
    /** The background load creates more events per minute than a community may. */
    private static final Map<String, String> UNLIMITED = Map.of("TAVERN_SCHEDULER_RATE_LIMIT_CREATES_PER_MINUTE", "1000000");

    private static ProcessStack stack;
    private static ServiceProcess holder;
    private static ServiceProcess survivor;

    @BeforeAll
    static void startStack() throws Exception {
        stack = ProcessStack.start("outbox-failover");
        Map<String, String> slowBatches = new HashMap<>(UNLIMITED);
        slowBatches.put("TAVERN_OUTBOX_PRODUCER_LINGER_MS", SLOW_BATCH_LINGER_MS);
        // The load goes to the other replica, whose relay wakes at each of its commits; polling this often, this
        // replica's relay still takes the lock while rows wait, and then holds it for its slow batch.
        slowBatches.put("TAVERN_OUTBOX_POLL_INTERVAL", EAGER_POLL);
        holder = stack.process(TavernService.SCHEDULER, "scheduler-1", slowBatches);
        survivor = stack.process(TavernService.SCHEDULER, "scheduler-2", UNLIMITED);
        stack.startAll();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aFrozenRelaysLockFreesAndTheOtherReplicaPublishesWithinThirtySeconds() throws Exception {
        Set<String> created = ConcurrentHashMap.newKeySet();
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        List<String> refused = new CopyOnWriteArrayList<>();
        load.scheduleAtFixedRate(() -> {
            try {
                createEvent(survivor, "Background night").ifPresent(created::add);
            } catch (AssertionError unexpected) {
                refused.add(unexpected.getMessage());
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        try (TopicProbe topic = TopicProbe.from(stack.kafkaBootstrapServers(), TOPIC)) {
            int frozenSession = freezeWhileHoldingTheRelayLock(created);
            Instant frozenAt = Instant.now();
            try {
                String duringFreeze = createEvent(survivor, "Created while the relay is frozen").orElseThrow();
                topic.await(record -> record.key().equals(duringFreeze), LOCK_FREED_WITHIN);
                assertThat(Duration.between(frozenAt, Instant.now())).isLessThan(LOCK_FREED_WITHIN);
                assertThat(sessionExists(frozenSession)).as("the frozen relay's session").isFalse();
            } finally {
                holder.thaw();
            }

            holder.awaitHealthy(ProcessStack.START_TIMEOUT);
            String afterThaw = createEvent(holder, "Created on the thawed replica").orElseThrow();
            topic.await(record -> record.key().equals(afterThaw), LOCK_FREED_WITHIN);

            load.shutdown();
            assertThat(load.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(refused).isEmpty();
            assertThat(created).hasSizeGreaterThan(100);
            await().atMost(LOCK_FREED_WITHIN).until(() -> publishedKeys(topic).containsAll(created));
        } finally {
            load.shutdownNow();
        }
    }

    /**
     * Freezes the slow-batching replica, right after it committed an event of its own, until a freeze catches its relay
     * inside a batch: the relay lock is then held by a session idle in its transaction, which no running relay leaves
     * that way for a second. Answers that session's backend pid.
     */
    private static int freezeWhileHoldingTheRelayLock(Set<String> created) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline)) {
            // An event of its own wakes its relay at the commit, into a batch that lingers a second holding the lock.
            createEvent(holder, "Wakes the relay to freeze").ifPresent(created::add);
            holder.freeze();
            Instant checkUntil = Instant.now().plus(Duration.ofSeconds(3));
            while (Instant.now().isBefore(checkUntil)) {
                OptionalInt session = staleLockHolder();
                if (session.isPresent()) {
                    return session.getAsInt();
                }
                Thread.sleep(100);
            }
            holder.thaw();
        }
        throw new AssertionError("The replica was never frozen holding the relay lock");
    }

    private static OptionalInt staleLockHolder() throws SQLException {
        try (Connection connection = stack.database();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                     WHERE l.locktype = 'advisory' AND l.granted AND a.state = 'idle in transaction'
                       AND a.state_change < now() - interval '1 second'""");
             ResultSet rows = query.executeQuery()) {
            return rows.next() ? OptionalInt.of(rows.getInt(1)) : OptionalInt.empty();
        }
    }

    private static boolean sessionExists(int pid) throws SQLException {
        return stack.anyRow("SELECT 1 FROM pg_stat_activity WHERE pid = ?", pid);
    }

    private static Set<String> publishedKeys(TopicProbe topic) {
        Set<String> keys = ConcurrentHashMap.newKeySet();
        topic.matching(record -> true).forEach(record -> keys.add(record.key()));
        return keys;
    }

    /** Creates an event and answers its id (the record key), or nothing when the replica did not answer in time. */
    private static Optional<String> createEvent(ServiceProcess scheduler, String title) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(scheduler.url() + "/api/events"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\"}"))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            return Optional.of(JSON.readTree(response.body()).get("id").asText());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
