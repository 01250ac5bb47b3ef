package dev.tavern.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * While no broker answers, a relay batch gets its outcome after one metadata wait, not one per record: the relay then
 * rolls the batch back and tries again soon, instead of holding its lock for minutes once the broker is back.
 */
class OutboxProducerTest {

    private static final int RECORDS = 30;

    @Test
    void aBatchNoBrokerTakesIsRefusedAfterOneMetadataWait() throws IOException {
        OutboxProducer producer = new OutboxProducer(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + portNobodyListensOn(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        try {
            List<ProducerRecord<String, String>> batch = IntStream.range(0, RECORDS)
                    .mapToObj(i -> new ProducerRecord<>("tavern.test.v1", "key-" + i, "{\"n\":" + i + "}"))
                    .toList();

            // One record after another, each waiting max.block.ms, would take 30 s.
            assertThat(producer.send(batch)).succeedsWithin(Duration.ofSeconds(10)).satisfies(outcomes -> {
                assertThat(outcomes.refused()).isEqualTo(RECORDS);
                assertThat(outcomes.firstFailure()).isInstanceOf(TimeoutException.class);
            });
        } finally {
            producer.close();
        }
    }

    private static int portNobodyListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
