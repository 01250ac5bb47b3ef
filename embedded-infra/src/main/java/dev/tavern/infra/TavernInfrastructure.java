package dev.tavern.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.tavern.infra.EmbeddedPostgresServer.Durability;

/**
 * The Kafka broker and PostgreSQL server Tavern runs on: embedded by default, or external
 * when the environment names them.
 *
 * <ul>
 *   <li>{@code TAVERN_KAFKA_BOOTSTRAP_SERVERS} — use this broker instead of starting one;</li>
 *   <li>{@code TAVERN_POSTGRES_HOST} (with {@code TAVERN_POSTGRES_PORT}, {@code _DATABASE},
 *       {@code _USER}, {@code _PASSWORD}) — use this server instead of starting one.</li>
 * </ul>
 */
public final class TavernInfrastructure implements AutoCloseable {

    /** Every topic of the Tavern contract, created up front so consumers never see them missing. */
    public static final List<String> TOPICS = List.of(
            "tavern.scheduling.events.v1",
            "tavern.scheduling.events.v1.dlq",
            "tavern.webhooks.deliveries.v1",
            "tavern.vtt.dice-rolls.v1",
            "tavern.vtt.dice-rolls.v1.dlq",
            "tavern.vtt.subscription-revocations.v1",
            "tavern.vtt.subscription-keys.v1",
            "tavern.tenants.v1");
    /** The topics that keep each key's latest record, with their cleanup policy as deploy/k8s/base/kafka/topics.yaml declares it. */
    public static final Map<String, String> CLEANUP_POLICIES = Map.of(
            "tavern.vtt.subscription-revocations.v1", "compact,delete",
            "tavern.vtt.subscription-keys.v1", "compact",
            "tavern.tenants.v1", "compact");
    /** Partitions of every topic the embedded broker creates. */
    public static final int PARTITIONS = 3;

    private final EmbeddedKafka kafka;
    private final EmbeddedPostgresServer postgres;
    private final String bootstrapServers;
    private final PostgresCoordinates database;

    private TavernInfrastructure(EmbeddedKafka kafka, String bootstrapServers,
                                 EmbeddedPostgresServer postgres, PostgresCoordinates database) {
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
        this.postgres = postgres;
        this.database = database;
    }

    /**
     * Starts what the environment does not provide.
     *
     * @param workDir   where embedded servers keep their data
     * @param kafkaPort the embedded broker's port, 0 for any free one
     * @param pgPort    the embedded PostgreSQL port, 0 for any free one
     * @param durability how the embedded PostgreSQL commits
     */
    public static TavernInfrastructure start(Path workDir, int kafkaPort, int pgPort, Durability durability,
                                             Function<String, String> env) {
        Optional<String> externalKafka = Optional.ofNullable(env.apply("TAVERN_KAFKA_BOOTSTRAP_SERVERS")).filter(s -> !s.isBlank());
        EmbeddedKafka kafka = externalKafka.isPresent() ? null
                : new EmbeddedKafka(kafkaPort, workDir.resolve("kafka")).start();
        String bootstrap = externalKafka.orElseGet(() -> kafka.bootstrapServers());
        if (kafka != null) {
            kafka.createTopics(TOPICS, PARTITIONS, CLEANUP_POLICIES);
        }

        Optional<String> externalPg = Optional.ofNullable(env.apply("TAVERN_POSTGRES_HOST")).filter(s -> !s.isBlank());
        EmbeddedPostgresServer postgres = externalPg.isPresent() ? null
                : new EmbeddedPostgresServer(pgPort, workDir.resolve("postgres"), "tavern", durability).start();
        PostgresCoordinates database = externalPg
                .map(host -> new PostgresCoordinates(host,
                        Integer.parseInt(orDefault(env, "TAVERN_POSTGRES_PORT", "5432")),
                        orDefault(env, "TAVERN_POSTGRES_DATABASE", "tavern"),
                        orDefault(env, "TAVERN_POSTGRES_USER", "tavern"),
                        orDefault(env, "TAVERN_POSTGRES_PASSWORD", "")))
                .orElseGet(() -> new PostgresCoordinates("localhost", postgres.port(), postgres.database(),
                        EmbeddedPostgresServer.USER, ""));
        return new TavernInfrastructure(kafka, bootstrap, postgres, database);
    }

    private static String orDefault(Function<String, String> env, String name, String fallback) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public String kafkaBootstrapServers() {
        return bootstrapServers;
    }

    public PostgresCoordinates postgres() {
        return database;
    }

    /** The embedded broker, for tests that stop and restart it; empty when the broker is external. */
    public Optional<EmbeddedKafka> embeddedKafka() {
        return Optional.ofNullable(kafka);
    }

    /** The embedded PostgreSQL server, for drills that restart it; empty when the database is external. */
    public Optional<EmbeddedPostgresServer> embeddedPostgres() {
        return Optional.ofNullable(postgres);
    }

    /** Configuration that points a Tavern service at this infrastructure. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", bootstrapServers);
        config.put("quarkus.datasource.reactive.url", database.reactiveUrl());
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("quarkus.datasource.username", database.user());
        if (!database.password().isEmpty()) {
            config.put("quarkus.datasource.password", database.password());
        }
        return config;
    }

    @Override
    public void close() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    public record PostgresCoordinates(String host, int port, String database, String user, String password) {

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public String reactiveUrl() {
            return "postgresql://" + host + ":" + port + "/" + database;
        }
    }
}
