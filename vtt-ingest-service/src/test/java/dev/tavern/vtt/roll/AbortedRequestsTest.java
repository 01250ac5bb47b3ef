package dev.tavern.vtt.roll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicProbe;
import dev.tavern.vtt.IngestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * VTT modules run in browsers that close tabs, and load tools close their connections when a run ends: a request
 * the client abandons, at any point, leaves one outcome (the roll recorded and published, or neither) and no warning
 * or error in the log, while the requests around it are answered as usual.
 */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class AbortedRequestsTest {

    private static final int ABORTED = 240;
    private static final int ANSWERED_PER_TENANT = 40;

    @TestHTTPResource("/")
    URI baseUri;

    @Inject
    Pool pool;

    /** How a client gives up on its request. */
    private enum Abort {
        RESET_AFTER_SENDING, RESET_A_MOMENT_LATER, RESET_HALFWAY_THROUGH_THE_BODY, CLOSE_WITHOUT_READING
    }

    @Test
    void abandonedRequestsAreRecordedAndPublishedOrNeitherAndLogNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<IngestApi> tenants = List.of(IngestApi.tenantWithCampaign("world-abort-a-" + run),
                IngestApi.tenantWithCampaign("world-abort-b-" + run), IngestApi.tenantWithCampaign("world-abort-c-" + run));
        String bootstrap = TavernInfrastructureResource.infrastructure().kafkaBootstrapServers();
        ConcurrentLinkedQueue<LogRecord> complaints = new ConcurrentLinkedQueue<>();
        Handler watch = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue() && !record.getLoggerName().startsWith("org.apache.kafka")) {
                    complaints.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(watch);
        ExecutorService clients = Executors.newFixedThreadPool(24);
        try (TopicProbe topic = TopicProbe.from(bootstrap, DiceRollService.TOPIC)) {
            List<Future<Integer>> answered = new ArrayList<>();
            for (IngestApi tenant : tenants) {
                answered.add(clients.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < ANSWERED_PER_TENANT; i++) {
                        ok += tenant.postRoll(tenant.normalRoll("answered-" + run + "-" + i)).extract().statusCode() == 200 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            List<String> abandoned = new ArrayList<>();
            List<Future<?>> aborts = new ArrayList<>();
            for (int i = 0; i < ABORTED; i++) {
                IngestApi tenant = tenants.get(i % tenants.size());
                String rollId = "abandoned-" + run + "-" + i;
                abandoned.add(rollId);
                Abort how = Abort.values()[i % Abort.values().length];
                int delayMs = i % 7;
                aborts.add(clients.submit(() -> {
                    abandon(tenant, tenant.normalRoll(rollId), how, delayMs);
                    return null;
                }));
            }
            for (Future<?> abort : aborts) {
                abort.get(60, TimeUnit.SECONDS);
            }
            for (Future<Integer> each : answered) {
                assertThat(each.get(60, TimeUnit.SECONDS)).isEqualTo(ANSWERED_PER_TENANT);
            }

            // Whatever the service still works on finishes; then every recorded roll is on the topic exactly once.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(rollStatementsRunning()).isZero();
                Map<String, Long> recorded = recorded(abandoned);
                assertThat(recorded.values()).allMatch(rows -> rows == 1);
                assertThat(published(topic, abandoned)).isEqualTo(recorded);
            });
            topic.awaitAll(r -> r.value().contains("\"answered-" + run + "-"), ANSWERED_PER_TENANT * tenants.size(), Duration.ofSeconds(20));
        } finally {
            clients.shutdownNow();
            root.removeHandler(watch);
        }
        assertThat(complaints).extracting(r -> r.getLoggerName() + ": " + r.getMessage()).isEmpty();
    }

    /** Sends the request over a socket of its own and gives up on it as told, without reading the answer. */
    private void abandon(IngestApi tenant, String body, Abort how, int delayMs) throws IOException, InterruptedException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /webhooks/vtt/dice-roll HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer " + tenant.apiKey + "\r\nContent-Length: " + content.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(baseUri.getHost(), baseUri.getPort()), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.write(content, 0, how == Abort.RESET_HALFWAY_THROUGH_THE_BODY ? content.length / 2 : content.length);
            out.flush();
            if (how == Abort.RESET_A_MOMENT_LATER || how == Abort.CLOSE_WITHOUT_READING) {
                Thread.sleep(delayMs);
            }
            if (how != Abort.CLOSE_WITHOUT_READING) {
                // Closing with unread data and a zero linger sends a reset instead of a FIN.
                socket.setSoLinger(true, 0);
            }
        }
    }

    /** Statements on the roll table still running, other than this one. */
    private long rollStatementsRunning() {
        return pool.query("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%dice_roll%'"
                        + " AND pid <> pg_backend_pid()").execute()
                .map(rows -> rows.iterator().next().getLong(0)).await().atMost(Duration.ofSeconds(10));
    }

    private Map<String, Long> recorded(List<String> rollIds) {
        return pool.preparedQuery("SELECT vtt_roll_id, count(*) FROM vtt_ingest.dice_roll WHERE vtt_roll_id = ANY($1) GROUP BY vtt_roll_id")
                .execute(Tuple.of(rollIds.toArray(String[]::new))).await().atMost(Duration.ofSeconds(10))
                .stream().collect(Collectors.toMap((Row row) -> row.getString(0), (Row row) -> row.getLong(1)));
    }

    private static Map<String, Long> published(TopicProbe topic, List<String> rollIds) {
        Function<String, String> rollIdOf = value -> rollIds.stream().filter(id -> value.contains("\"" + id + "\""))
                .findFirst().orElse(null);
        return topic.matching(r -> rollIdOf.apply(r.value()) != null).stream()
                .collect(Collectors.groupingBy(r -> rollIdOf.apply(r.value()), Collectors.counting()));
    }
}
