package dev.tavern.scheduler.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.scheduler.SchedulerApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** Every invalid creation is a 400 naming the field, and writes nothing. */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class EventValidationTest {

    private static final String SLOT = "{\"start\":\"2027-01-01T18:00:00Z\",\"end\":\"2027-01-01T20:00:00Z\"}";

    @Inject
    Pool pool;

    private final SchedulerApi api = SchedulerApi.defaultTenant();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing title               | {"minPlayers":3}                                                | title
            blank title                 | {"title":"   "}                                                 | title
            title too long              | {"title":"TITLE201"}                                            | title
            description too long        | {"title":"t","description":"DESC5001"}                           | description
            minPlayers zero             | {"title":"t","minPlayers":0}                                    | minPlayers
            maxPlayers below min        | {"title":"t","minPlayers":4,"maxPlayers":3}                     | maxPlayers
            minPlayers not a number     | {"title":"t","minPlayers":"many"}                               | minPlayers
            unknown timezone            | {"title":"t","timezone":"Mars/Olympus"}                         | timezone
            fromUrl not a URL           | {"title":"t","fromUrl":"not a url"}                             | fromUrl
            fromUrl not http            | {"title":"t","fromUrl":"ftp://example.com/x"}                   | fromUrl
            fromUrl to cloud metadata   | {"title":"t","fromUrl":"http://169.254.169.254/latest/meta-data"} | fromUrl
            fromUrl resolving privately | {"title":"t","fromUrl":"https://internal.tavern.test/hooks"}      | fromUrl
            slot ends before it starts  | {"title":"t","slots":[{"start":"2027-01-01T20:00:00Z","end":"2027-01-01T18:00:00Z"}]} | slots[0].end
            slot without start          | {"title":"t","slots":[{"end":"2027-01-01T18:00:00Z"}]}           | slots[0].start
            slot time not a date        | {"title":"t","slots":[{"start":"tomorrow","end":"2027-01-01T18:00:00Z"}]} | slots[0].start
            too many slots              | {"title":"t","slots":[SLOTS101]}                                 | slots
            slot in year 300000         | {"title":"t","slots":[{"start":"+300000-01-01T00:00:00Z","end":"+300000-01-01T04:00:00Z"}]} | slots[0].start
            slot before 2000            | {"title":"t","slots":[{"start":"1999-12-31T18:00:00Z","end":"1999-12-31T20:00:00Z"}]} | slots[0].start
            slot decades ahead          | {"title":"t","slots":[{"start":"2099-01-01T18:00:00Z","end":"2099-01-01T20:00:00Z"}]} | slots[0].start
            slot ending in year 300000  | {"title":"t","slots":[{"start":"2027-01-01T18:00:00Z","end":"+300000-01-01T00:00:00Z"}]} | slots[0].end
            slot of three weeks         | {"title":"t","slots":[{"start":"2027-01-01T18:00:00Z","end":"2027-01-22T18:00:00Z"}]} | slots[0].end
            slot ending as it starts    | {"title":"t","slots":[{"start":"2027-01-01T18:00:00Z","end":"2027-01-01T18:00:00Z"}]} | slots[0].end
            slot without end            | {"title":"t","slots":[{"start":"2027-01-01T18:00:00Z"}]}         | slots[0].end
            second slot invalid         | {"title":"t","slots":[SLOT1,{"start":"2027-01-01T20:00:00Z","end":"2027-01-01T19:00:00Z"}]} | slots[1].end
            minPlayers negative         | {"title":"t","minPlayers":-3}                                   | minPlayers
            maxPlayers zero             | {"title":"t","maxPlayers":0}                                    | maxPlayers
            """)
    void invalidCreationIsABadRequestAndWritesNothing(String caseName, String body, String field) {
        String json = body.replace("TITLE201", "x".repeat(201)).replace("DESC5001", "d".repeat(5001))
                .replace("SLOT1", SLOT).replace("SLOTS101", IntStream.range(0, 101).mapToObj(i -> SLOT).collect(Collectors.joining(",")));
        long eventsBefore = count("event");
        long slotsBefore = count("time_slot");

        api.create(json).statusCode(400)
                .body("error", equalTo("Validation failed"))
                .body("details", hasKey(field));

        assertThat(count("event")).isEqualTo(eventsBefore);
        assertThat(count("time_slot")).isEqualTo(slotsBefore);
    }

    private long count(String table) {
        return pool.query("SELECT count(*) FROM scheduler." + table).execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .await().atMost(Duration.ofSeconds(10));
    }
}
