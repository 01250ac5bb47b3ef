package dev.tavern.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tavern.infra.EmbeddedPostgresServer.Durability;
import dev.tavern.infra.FreePorts;
import dev.tavern.infra.TavernInfrastructure.PostgresCoordinates;

/**
 * Kafka, PostgreSQL and service processes for one test class, in a work directory of its own under
 * {@code local-stack/target}, each process logging to a file there. Closing thaws what a test froze, stops every
 * process, then the infrastructure.
 */
final class ProcessStack implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Path root;
    private final Path workDir;
    private final TavernStack tavern;
    private final List<ServiceProcess> processes = new ArrayList<>();

    private ProcessStack(Path root, Path workDir, TavernStack tavern) {
        this.root = root;
        this.workDir = workDir;
        this.tavern = tavern;
    }

    /** Starts the infrastructure; {@code name} prefixes the work directory. */
    static ProcessStack start(String name) throws IOException {
        Path root = Path.of(System.getProperty("tavern.project.root", "..")).toAbsolutePath().normalize();
        Path workDir = Files.createTempDirectory(root.resolve("local-stack/target"), name + "-");
        return new ProcessStack(root, workDir, TavernStack.start(root, workDir, 0, 0, Durability.DISPOSABLE,
                UUID.randomUUID().toString()));
    }

    /** A process of the service on a free port, not started yet; it logs to {@code <logName>.log}. */
    ServiceProcess process(TavernService service, String logName, Map<String, String> environment) {
        ServiceProcess process = tavern.process(service, FreePorts.next(), environment, workDir.resolve(logName + ".log"));
        processes.add(process);
        return process;
    }

    /** What the process named {@code logName} has logged so far. */
    List<String> log(String logName) throws IOException {
        return Files.readAllLines(workDir.resolve(logName + ".log"));
    }

    /** Starts every process not yet started, side by side, and waits until each is healthy. */
    void startAll() throws InterruptedException {
        ServiceProcess.startAll(processes.stream().filter(process -> process.process() == null).toList(), START_TIMEOUT);
    }

    Path root() {
        return root;
    }

    String operatorToken() {
        return tavern.operatorToken();
    }

    String kafkaBootstrapServers() {
        return tavern.infrastructure().kafkaBootstrapServers();
    }

    /** A JDBC connection to the services' database, for what no API shows (sessions, locks, outbox rows). */
    Connection database() throws SQLException {
        PostgresCoordinates postgres = tavern.infrastructure().postgres();
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }

    /** Whether the query, with its one parameter, finds a row. */
    boolean anyRow(String sql, Object parameter) throws SQLException {
        try (Connection connection = database(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public void close() {
        processes.stream().filter(ServiceProcess::isAlive).forEach(ServiceProcess::thaw);
        ServiceProcess.stopAll(processes, STOP_TIMEOUT);
        tavern.close();
    }
}
