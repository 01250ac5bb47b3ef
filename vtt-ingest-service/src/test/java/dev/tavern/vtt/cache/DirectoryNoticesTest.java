package dev.tavern.vtt.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.vtt.IngestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What tells every replica to forget what it keeps (migration V7's triggers): a change a roll would see, and nothing
 * the dice-roll path writes itself, which would empty every replica's caches many times a second. Absence is shown
 * without waiting: notices arrive in commit order, so every notice of what committed before a marker arrives before it.
 */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class DirectoryNoticesTest {

    private static final String CHANNEL = "tavern_directory_vtt_ingest";

    @Test
    void rollsNotifyNothingAndAStreamerGivenACharacterNotifiesEveryReplica() throws Exception {
        IngestApi vtt = IngestApi.tenantWithCampaign("world-notices-" + UUID.randomUUID());
        try (Connection listener = database()) {
            listener.createStatement().execute("LISTEN " + CHANNEL);

            // The key's first use (last_seen_at), a character's first roll, the same character under a new name.
            vtt.postRoll(vtt.normalRoll("notices-1")).statusCode(200);
            vtt.postRoll(vtt.normalRoll("notices-2").replace("\"Gimli\"", "\"Gimli, son of Glóin\"")).statusCode(200);
            vtt.postRoll(vtt.normalRoll("notices-2")).statusCode(200);
            assertThat(noticesBeforeAMarker(listener)).isEmpty();

            String streamer = vtt.asAdmin().body("{\"displayName\":\"Ана\"}").post("/api/streamers")
                    .then().statusCode(201).extract().path("id");
            String character = vtt.asAdmin().body("{\"vttCharacterId\":\"char-789\",\"name\":\"Legolas\"}")
                    .post("/api/campaigns/" + vtt.campaignId + "/characters").then().statusCode(201).extract().path("id");
            vtt.asAdmin().body("{\"streamerId\":\"" + streamer + "\"}")
                    .put("/api/campaigns/" + vtt.campaignId + "/characters/" + character + "/streamer").then().statusCode(200);
            assertThat(noticesBeforeAMarker(listener)).containsExactly("game_character");

            vtt.asAdmin().post("/api/vtt-connections/" + vtt.connectionId + "/revoke").then().statusCode(200);
            assertThat(noticesBeforeAMarker(listener)).containsExactly("vtt_connection");
        }
    }

    /** The notices the listener hears before a marker sent now, in order. */
    private static List<String> noticesBeforeAMarker(Connection listener) throws SQLException {
        String marker = "marker-" + UUID.randomUUID();
        try (Connection sender = database(); PreparedStatement notify = sender.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, marker);
            notify.execute();
        }
        List<String> heard = new ArrayList<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(100);
            for (PGNotification notification : notifications == null ? new PGNotification[0] : notifications) {
                if (notification.getParameter().equals(marker)) {
                    return true;
                }
                heard.add(notification.getParameter());
            }
            return false;
        });
        return heard;
    }

    private static Connection database() throws SQLException {
        Map<String, String> config = TavernInfrastructureResource.infrastructure().quarkusConfig();
        return DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"), config.get("quarkus.datasource.username"),
                config.getOrDefault("quarkus.datasource.password", ""));
    }
}
