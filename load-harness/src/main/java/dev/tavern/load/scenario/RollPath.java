package dev.tavern.load.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleFunction;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.load.LatencyRecorder;
import dev.tavern.load.RollTopicTail;
import dev.tavern.load.report.Format;
import dev.tavern.load.report.MarkdownTable;
import dev.tavern.local.TavernService;

/**
 * Where a measured run's rolls spent their time after the ingest service recorded them (the roll's {@code timestamp},
 * taken before its statement): until their record's producer timestamp (the commit, and the outbox relay reading and
 * handing the record to its producer), until a consumer in this JVM read them (the producer's linger and request,
 * the broker, a fetch), until the gateway read them (its {@code tavern.broadcast.intake.latency}), and until it handed
 * their frames to its clients' sockets (its {@code tavern.broadcast.delivery.latency}, per message, channel and event
 * loop). The gateway keeps its two in buckets. All clocks are this machine's; the record's times are in milliseconds.
 */
final class RollPath implements AutoCloseable {

    private static final String INTAKE = "tavern_broadcast_intake_latency_seconds_bucket{";
    private static final String DELIVERY = "tavern_broadcast_delivery_latency_seconds_bucket{";
    private static final double[] PERCENTILES = {50, 90, 99};

    private final ObjectMapper json = new ObjectMapper();
    private final String vttRollIdPrefix;
    private final URI gatewayMetrics;
    private final HttpClient http = HttpClient.newHttpClient();
    /** Written by the tail's thread only, read once it stopped. */
    private final Histogram toTopic = LatencyRecorder.histogram();
    private final Histogram topicToConsumer = LatencyRecorder.histogram();
    private final Histogram toConsumer = LatencyRecorder.histogram();
    /** The gateway's histograms by name when the run began: cumulative count per bucket bound, in seconds. */
    private final Map<String, Map<Double, Double>> gatewayBefore;
    private final RollTopicTail tail;
    /** The same, counting only the run. */
    private Map<String, Map<Double, Double>> gatewayInRun;

    private RollPath(ScenarioContext context, String runLabel) {
        this.vttRollIdPrefix = runLabel + "-";
        this.gatewayMetrics = URI.create(context.service(TavernService.BROADCAST_GATEWAY).url() + "/q/metrics");
        this.gatewayBefore = gatewayBuckets();
        this.tail = RollTopicTail.start(context.stack().tavern().infrastructure().kafkaBootstrapServers(), this::read);
    }

    /** Follows the rolls whose VTT roll id the run labels, from now on. */
    static RollPath follow(ScenarioContext context, String runLabel) {
        return new RollPath(context, runLabel);
    }

    private void read(ConsumerRecord<String, String> record) {
        long readMillis = System.currentTimeMillis();
        JsonNode roll;
        try {
            roll = json.readTree(record.value());
        } catch (IOException e) {
            return;
        }
        if (ofThisRun(roll.path("vttRollId").asText())) {
            long recordedMillis = Instant.parse(roll.path("recordedAt").asText()).toEpochMilli();
            toTopic.recordValue(LatencyRecorder.micros(TimeUnit.MILLISECONDS.toNanos(record.timestamp() - recordedMillis)));
            topicToConsumer.recordValue(LatencyRecorder.micros(TimeUnit.MILLISECONDS.toNanos(readMillis - record.timestamp())));
            toConsumer.recordValue(LatencyRecorder.micros(TimeUnit.MILLISECONDS.toNanos(readMillis - recordedMillis)));
        }
    }

    /** The run's VTT roll ids are its label, a dash and the roll's index: another run's label may start alike. */
    private boolean ofThisRun(String vttRollId) {
        return vttRollId.startsWith(vttRollIdPrefix) && vttRollId.length() > vttRollIdPrefix.length()
                && vttRollId.substring(vttRollIdPrefix.length()).chars().allMatch(Character::isDigit);
    }

    /** The gateway's latency histograms by name: cumulative count per bucket bound, in seconds. */
    private Map<String, Map<Double, Double>> gatewayBuckets() {
        String metrics;
        try {
            metrics = http.send(HttpRequest.newBuilder(gatewayMetrics).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("The gateway's metrics could not be read: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the gateway's metrics", e);
        }
        Map<String, Map<Double, Double>> histograms = Map.of(INTAKE, new TreeMap<>(), DELIVERY, new TreeMap<>());
        for (String line : metrics.split("\n")) {
            histograms.forEach((name, buckets) -> {
                if (line.startsWith(name)) {
                    int bound = line.indexOf("le=\"") + 4;
                    String le = line.substring(bound, line.indexOf('"', bound));
                    // The count follows the labels; an exemplar (" # {span_id=...} value time") may follow it.
                    String count = line.substring(line.indexOf("} ") + 2).split(" ", 2)[0];
                    buckets.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), Double.parseDouble(count));
                }
            });
        }
        return histograms;
    }

    /** The smallest bucket bound of a gateway histogram that at least this share of the run stayed under, in ms. */
    private String gatewayWithin(String histogram, double percentile) {
        // Bucket counts are cumulative, and the map is ordered by bound.
        Map<Double, Double> buckets = gatewayInRun.get(histogram);
        double total = buckets.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (total > 0 && bucket.getValue() >= total * percentile / 100) {
                return bucket.getKey().isInfinite() ? "–" : "≤ " + Format.ms(bucket.getKey() * 1000);
            }
        }
        return "–";
    }

    private long gatewayCount(String histogram) {
        return gatewayInRun.get(histogram).getOrDefault(Double.POSITIVE_INFINITY, 0.0).longValue();
    }

    @Override
    public void close() throws InterruptedException {
        tail.close();
        gatewayInRun = new TreeMap<>();
        gatewayBuckets().forEach((histogram, after) -> {
            Map<Double, Double> before = gatewayBefore.get(histogram);
            Map<Double, Double> inRun = new TreeMap<>();
            after.forEach((bound, count) -> inRun.put(bound, count - before.getOrDefault(bound, 0.0)));
            gatewayInRun.put(histogram, inRun);
        });
    }

    /** The stages' percentiles, once closed, and the goal's own measure beside them. */
    String table(BroadcastStep measured) {
        MarkdownTable table = new MarkdownTable("from → to (Tavern's measured run)", "rolls or messages", "p50 ms", "p90 ms", "p99 ms");
        row(table, "recorded → on the topic (commit, outbox relay)", toTopic.getTotalCount(), percentiles(toTopic));
        row(table, "on the topic → read by a consumer (linger, produce, broker, fetch)", topicToConsumer.getTotalCount(),
                percentiles(topicToConsumer));
        row(table, "recorded → read by that consumer", toConsumer.getTotalCount(), percentiles(toConsumer));
        row(table, "recorded → read by the gateway (bucket bounds)", gatewayCount(INTAKE), p -> gatewayWithin(INTAKE, p));
        row(table, "recorded → frames handed to the sockets by the gateway (per message, channel and event loop; bucket bounds)",
                gatewayCount(DELIVERY), p -> gatewayWithin(DELIVERY, p));
        row(table, "POST's intended start → frame received (the goal's measure)", measured.frameLatencies().getTotalCount(),
                percentile -> Format.ms(measured.percentileMs(percentile)));
        return table.render();
    }

    private static DoubleFunction<String> percentiles(Histogram histogram) {
        return percentile -> histogram.getTotalCount() == 0 ? "–" : Format.ms(histogram.getValueAtPercentile(percentile) / 1000.0);
    }

    /** A stage's row: its name, how many it measured, and a cell per reported percentile. */
    private static void row(MarkdownTable table, String stage, long count, DoubleFunction<String> atPercentile) {
        Object[] cells = new Object[2 + PERCENTILES.length];
        cells[0] = stage;
        cells[1] = Format.count(count);
        for (int i = 0; i < PERCENTILES.length; i++) {
            cells[2 + i] = atPercentile.apply(PERCENTILES[i]);
        }
        table.row(cells);
    }
}
