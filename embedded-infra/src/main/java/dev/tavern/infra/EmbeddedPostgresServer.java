package dev.tavern.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries shipped in a Maven artifact, running as a
 * child process. Keeps its data directory, so it can be stopped and started again.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    /** How a commit reaches the disk. */
    public enum Durability {
        /** As a production server commits: flushed (fsync) and waited for (synchronous_commit). For data that matters, and measurements. */
        DURABLE(Map.of("fsync", "on", "synchronous_commit", "on")),
        /** Neither flushed nor waited for: fast, and lost with the machine. For tests, whose data is thrown away. */
        DISPOSABLE(Map.of("fsync", "off", "synchronous_commit", "off"));

        private final Map<String, String> settings;

        Durability(Map<String, String> settings) {
            this.settings = settings;
        }
    }

    private final int port;
    private final Path dataDir;
    private final String database;
    private final Durability durability;
    private EmbeddedPostgres postgres;

    public EmbeddedPostgresServer(int port, Path dataDir, String database, Durability durability) {
        this.port = port == 0 ? FreePorts.next() : port;
        this.dataDir = dataDir;
        this.database = database;
        this.durability = durability;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public synchronized EmbeddedPostgresServer start() {
        if (postgres != null) {
            return this;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // Whoever started it stops it, after the services that use it.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "300");
            // Set either way: the embedding library's own default turns synchronous_commit off.
            durability.settings.forEach(builder::setServerConfig);
            postgres = builder.start();
            createDatabaseIfMissing();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL in " + dataDir, e);
        }
    }

    public synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                postgres = null;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE \"" + database + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database, e);
        }
    }
}
