package dev.tavern.scheduler.topic;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TopicProbe;
import dev.tavern.outbox.OutboxRelay;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/** Replicas share one outbox: while one relays, the others stand back, so no row is published twice at once. */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class OutboxReplicaTest {

    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    @Test
    void aRelayStandsBackWhileAnotherReplicaIsRelaying() {
        SqlConnection otherReplica = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        Transaction relaying = otherReplica.begin().await().atMost(Duration.ofSeconds(10));
        long id;
        try {
            otherReplica.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))")
                    .execute(Tuple.of("tavern.outbox.scheduler")).await().atMost(Duration.ofSeconds(10));

            id = given().contentType(ContentType.JSON).body("{\"title\":\"Two replicas\"}")
                    .when().post("/api/events")
                    .then().statusCode(201).extract().jsonPath().getLong("id");

            assertThat(relay.relayBatch().await().atMost(Duration.ofSeconds(10))).isZero();
            assertThat(unsent(Long.toString(id))).isEqualTo(1);
        } finally {
            relaying.rollback().await().atMost(Duration.ofSeconds(10));
            otherReplica.close().await().atMost(Duration.ofSeconds(10));
        }

        try (TopicProbe topic = TopicProbe.from(TavernInfrastructureResource.infrastructure().kafkaBootstrapServers(),
                SchedulingEvents.TOPIC)) {
            topic.await(r -> r.key().equals(Long.toString(id)), Duration.ofSeconds(20));
        }
    }

    private long unsent(String key) {
        return pool.preparedQuery("SELECT count(*) FROM scheduler.outbox_message WHERE sent_at IS NULL AND record_key = $1")
                .execute(Tuple.of(key))
                .map(rows -> rows.iterator().next().getLong(0))
                .await().atMost(Duration.ofSeconds(10));
    }
}
