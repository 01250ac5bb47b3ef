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
 * the broker, a fetch), and until the gateway handed their frames to its clients' sockets (its
 * {@code tavern.broadcast.delivery.latency}, per message and event loop, which it keeps in buckets). All clocks are
 * this machine's; the record's times are in milliseconds.
 */
final class RollPath implements AutoCloseable {

    private static final String DELIVERY_BUCKET = "tavern_broadcast_delivery_latency_seconds_bucket{";
    private static final double[] PERCENTILES = {50, 90, 99};

    private final ObjectMapper json = new ObjectMapper();
    private final String vttRollIdPrefix;
    private final URI gatewayMetrics;
    private final HttpClient http = HttpClient.newHttpClient();
    /** Written by the tail's thread only, read once it stopped. */
    private final Histogram toTopic = LatencyRecorder.histogram();
    private final Histogram topicToConsumer = LatencyRecorder.histogram();
    private final Map<Double, Double> deliveredBefore;
    private final RollTopicTail tail;
    private Map<Double, Double> deliveredInRun;

    private RollPath(ScenarioContext context, String runLabel) {
        this.vttRollIdPrefix = runLabel + "-";
        this.gatewayMetrics = URI.create(context.service(TavernService.BROADCAST_GATEWAY).url() + "/q/metrics");
        this.deliveredBefore = deliveryBuckets();
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
        }
    }

    /** The run's VTT roll ids are its label, a dash and the roll's index: another run's label may start alike. */
    private boolean ofThisRun(String vttRollId) {
        return vttRollId.startsWith(vttRollIdPrefix) && vttRollId.length() > vttRollIdPrefix.length()
                && vttRollId.substring(vttRollIdPrefix.length()).chars().allMatch(Character::isDigit);
    }

    /** The gateway's delivery latency histogram: cumulative count per bucket bound, in seconds. */
    private Map<Double, Double> deliveryBuckets() {
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
        Map<Double, Double> buckets = new TreeMap<>();
        for (String line : metrics.split("\n")) {
            if (line.startsWith(DELIVERY_BUCKET)) {
                int bound = line.indexOf("le=\"") + 4;
                String le = line.substring(bound, line.indexOf('"', bound));
                buckets.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le),
                        Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return buckets;
    }

    /** The smallest bucket bound that at least this share of the run's messages stayed under, in ms. */
    private String deliveredWithin(double percentile) {
        // Bucket counts are cumulative, and the map is ordered by bound.
        double total = deliveredInRun.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        for (Map.Entry<Double, Double> bucket : deliveredInRun.entrySet()) {
            if (total > 0 && bucket.getValue() >= total * percentile / 100) {
                return bucket.getKey().isInfinite() ? "–" : "≤ " + Format.ms(bucket.getKey() * 1000);
            }
        }
        return "–";
    }

    @Override
    public void close() throws InterruptedException {
        tail.close();
        Map<Double, Double> after = deliveryBuckets();
        deliveredInRun = new TreeMap<>();
        after.forEach((bound, count) -> deliveredInRun.put(bound, count - deliveredBefore.getOrDefault(bound, 0.0)));
    }

    /** The stages' percentiles, once closed, and the goal's own measure beside them. */
    String table(BroadcastStep measured) {
        MarkdownTable table = new MarkdownTable("from → to (Tavern's measured run)", "rolls or messages", "p50 ms", "p90 ms", "p99 ms");
        row(table, "recorded → on the topic (commit, outbox relay)", toTopic.getTotalCount(), percentiles(toTopic));
        row(table, "on the topic → read by a consumer (linger, produce, broker, fetch)", topicToConsumer.getTotalCount(),
                percentiles(topicToConsumer));
        row(table, "recorded → frames handed to the sockets by the gateway (per message and event loop; bucket bounds)",
                deliveredInRun.getOrDefault(Double.POSITIVE_INFINITY, 0.0).longValue(), this::deliveredWithin);
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
