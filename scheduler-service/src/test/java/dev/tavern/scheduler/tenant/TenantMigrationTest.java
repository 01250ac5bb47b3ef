package dev.tavern.scheduler.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tavern.infra.contract.TopicContract;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.scheduler.topic.TenantEvents;

/**
 * Tenants created before the scheduler owned them are announced on {@code tavern.tenants.v1} by the migration that adds
 * their lifecycle, so the other services know them without waiting for a change: active, at revision 1, with no admin key.
 */
class TenantMigrationTest {

    @Test
    void tenantsOfAnEarlierVersionAreAnnouncedAsTheyStand() throws SQLException {
        Map<String, String> config = TavernInfrastructureResource.infrastructure().quarkusConfig();
        String schema = "scheduler_upgrade_" + UUID.randomUUID().toString().substring(0, 8);
        String url = config.get("quarkus.datasource.jdbc.url");
        String user = config.get("quarkus.datasource.username");
        String password = config.getOrDefault("quarkus.datasource.password", "");
        migrate(url, user, password, schema, "2");

        try (Connection db = DriverManager.getConnection(url, user, password); Statement sql = db.createStatement()) {
            sql.execute("SET search_path TO " + schema);
            sql.execute("INSERT INTO tenant (id, name, public_base_url, created_at) VALUES "
                    + "('guild', 'Гильдия', 'https://guild.example', '2026-03-01T18:00:00.123456Z'), "
                    + "('quiet', 'ギルド', 'http://quiet.example/tavern', '2026-03-02T18:00:00Z')");
            sql.execute("INSERT INTO tenant_hostname (hostname, tenant_id) VALUES "
                    + "('www.guild.example', 'guild'), ('guild.example', 'guild')");

            migrate(url, user, password, schema, "latest");

            List<JsonNode> announced = new ArrayList<>();
            try (ResultSet records = sql.executeQuery("SELECT topic, record_key, event_type, payload FROM outbox_message ORDER BY id")) {
                while (records.next()) {
                    assertThat(records.getString("topic")).isEqualTo(TenantEvents.TOPIC);
                    assertThat(records.getString("event_type")).isEqualTo(TenantEvents.TYPE);
                    JsonNode value = TopicContract.of(TenantEvents.TOPIC).assertValid(records.getString("payload"));
                    assertThat(records.getString("record_key")).isEqualTo(value.get("id").asText());
                    announced.add(value);
                }
            }
            assertThat(announced).hasSize(2);
            JsonNode guild = announced.get(0);
            assertThat(guild.get("id").asText()).isEqualTo("guild");
            assertThat(guild.get("name").asText()).isEqualTo("Гильдия");
            assertThat(guild.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(guild.get("hostnames").toString()).isEqualTo("[\"guild.example\",\"www.guild.example\"]");
            assertThat(guild.get("publicBaseUrl").asText()).isEqualTo("https://guild.example");
            assertThat(guild.get("adminKeyHash").isNull()).isTrue();
            assertThat(guild.get("revision").asInt()).isEqualTo(1);
            assertThat(guild.get("changedAt").asText()).isEqualTo("2026-03-01T18:00:00.123456Z");
            assertThat(announced.get(1).get("hostnames").isEmpty()).isTrue();
        } finally {
            try (Connection db = DriverManager.getConnection(url, user, password); Statement sql = db.createStatement()) {
                sql.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static void migrate(String url, String user, String password, String schema, String target) {
        Flyway.configure().dataSource(url, user, password)
                .schemas(schema).defaultSchema(schema).createSchemas(true)
                .locations("classpath:db/migration", "classpath:db/outbox")
                .target(target)
                .load().migrate();
    }
}
