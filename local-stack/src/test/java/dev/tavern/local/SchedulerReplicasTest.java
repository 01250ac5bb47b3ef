package dev.tavern.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two scheduler-service processes behind one proxy: a client's budget of event creations is one budget, whichever
 * replica answers, and another client's is its own. Clients are told apart by the address the proxy forwards.
 */
class SchedulerReplicasTest {

    private static final int CREATIONS_PER_MINUTE = 6;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ProcessStack stack;
    private static ServiceProcess one;
    private static ServiceProcess two;

    @BeforeAll
    static void startStack() throws Exception {
        stack = ProcessStack.start("scheduler-replicas");
        Map<String, String> limited = Map.of("TAVERN_SCHEDULER_RATE_LIMIT_CREATES_PER_MINUTE", Integer.toString(CREATIONS_PER_MINUTE));
        one = stack.process(TavernService.SCHEDULER, "scheduler-1", limited);
        two = stack.process(TavernService.SCHEDULER, "scheduler-2", limited);
        stack.startAll();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aClientsBudgetIsOneBudgetAcrossBothReplicas() throws Exception {
        for (int run = 0; run < 2; run++) {
            String client = "198.51.100." + (10 + run);
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (int i = 0; i < CREATIONS_PER_MINUTE; i++) {
                answers.add(create(i % 2 == 0 ? one : two, client, "Raid " + i));
            }
            List<HttpResponse<String>> over = List.of(create(one, client, "Over one"), create(two, client, "Over two"));
            if (answers.stream().map(SchedulerReplicasTest::reset).distinct().count() > 1
                    || !reset(answers.get(0)).equals(reset(over.get(1)))) {
                // The run straddled a minute boundary, where every client's window starts afresh.
                continue;
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).statusCode()).as(answers.get(i).body()).isEqualTo(201);
                assertThat(answers.get(i).headers().firstValue("X-RateLimit-Remaining"))
                        .hasValue(Integer.toString(CREATIONS_PER_MINUTE - 1 - i));
            }
            for (HttpResponse<String> refused : over) {
                assertThat(refused.statusCode()).isEqualTo(429);
                assertThat(JSON.readTree(refused.body()).get("error").asText()).isEqualTo("Rate limit exceeded");
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            }
            assertThat(create(two, "198.51.100.99", "Another client").statusCode()).isEqualTo(201);
            return;
        }
        throw new AssertionError("Two runs in a row straddled a minute boundary");
    }

    private static HttpResponse<String> create(ServiceProcess replica, String client, String title) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(replica.url() + "/api/events"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("title", title)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String reset(HttpResponse<String> response) {
        return response.headers().firstValue("X-RateLimit-Reset").orElse("none");
    }
}
