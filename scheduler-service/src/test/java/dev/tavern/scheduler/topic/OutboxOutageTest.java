package dev.tavern.scheduler.topic;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TavernInfrastructureResource.Switch;
import dev.tavern.infra.test.TopicProbe;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A state change made while Kafka is down is published once Kafka is back: the outbox loses nothing, and the
 * service stays ready meanwhile, so a load balancer keeps sending it requests.
 */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class OutboxOutageTest {

    @Test
    void eventCreatedWhileTheBrokerIsDownReachesTheTopicAfterItRestarts() {
        Switch kafka = TavernInfrastructureResource.infrastructure().broker()
                .orElseThrow(() -> new org.opentest4j.TestAbortedException("needs the embedded broker to stop it"));

        long id;
        kafka.stop().run();
        try {
            given().when().get("/q/health/ready").then().statusCode(200);
            id = given().contentType(ContentType.JSON).body("{\"title\":\"Written during an outage\"}")
                    .when().post("/api/events")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
        } finally {
            kafka.start().run();
        }

        try (TopicProbe topic = TopicProbe.from(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers(), SchedulingEvents.TOPIC)) {
            List<ConsumerRecord<String, String>> records =
                    topic.awaitAll(r -> r.key().equals(Long.toString(id)), 1, Duration.ofSeconds(90));
            // At-least-once: a retried batch may repeat a record, always with the same ce_id.
            assertThat(records).extracting(r -> TopicProbe.header(r, "ce_id").orElseThrow()).containsOnly(
                    TopicProbe.header(records.get(0), "ce_id").orElseThrow());
        }
    }
}
