package dev.tavern.infra.test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.tavern.infra.EmbeddedPostgresServer.Durability;
import dev.tavern.infra.TavernInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service under test at real infrastructure: one embedded Kafka broker and one
 * embedded PostgreSQL per test JVM (or the external ones the environment names), shared by
 * every test class of the module, also across Quarkus restarts for test profiles.
 *
 * <p>Quarkus loads this class again for each application it starts, so the running servers
 * are registered in {@link Registry} as loaded by the JVM's system class loader, with JDK
 * types only, which every class loader shares.
 */
public class TavernInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    /** Holds the running servers once per JVM; reached through the system class loader. */
    public static final class Registry {
        public static final Map<String, Object> SERVERS = new ConcurrentHashMap<>();
    }

    /** An embedded server's on/off switch, for tests of outages. */
    public record Switch(Runnable stop, Runnable start) {
    }

    /** What tests need to know of the running infrastructure; the switches exist where the servers are embedded. */
    public record Running(String kafkaBootstrapServers, Map<String, String> quarkusConfig, Optional<Switch> broker,
                          Optional<Switch> database) {
    }

    /** The infrastructure of this test JVM, started on first use and stopped when the JVM exits. */
    @SuppressWarnings("unchecked")
    public static synchronized Running infrastructure() {
        Map<String, Object> registered = sharedRegistry();
        if (registered.isEmpty()) {
            registered.putAll(startServers());
        }
        return new Running((String) registered.get("kafka"), (Map<String, String>) registered.get("config"),
                switchOf(registered, "broker"), switchOf(registered, "database"));
    }

    private static Optional<Switch> switchOf(Map<String, Object> registered, String server) {
        Runnable stop = (Runnable) registered.get(server + ".stop");
        return stop == null ? Optional.empty() : Optional.of(new Switch(stop, (Runnable) registered.get(server + ".start")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sharedRegistry() {
        try {
            Class<?> shared = Class.forName(Registry.class.getName(), true, ClassLoader.getSystemClassLoader());
            return (Map<String, Object>) shared.getField("SERVERS").get(null);
        } catch (ReflectiveOperationException e) {
            // Not on the system class path: this class loader's registry is the only one.
            return Registry.SERVERS;
        }
    }

    private static Map<String, Object> startServers() {
        Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "tavern-infra-" + ProcessHandle.current().pid());
        TavernInfrastructure infrastructure = TavernInfrastructure.start(workDir, 0, 0, Durability.DISPOSABLE, System::getenv);
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "tavern-infra-shutdown"));
        Map<String, Object> registered = new HashMap<>();
        registered.put("kafka", infrastructure.kafkaBootstrapServers());
        registered.put("config", Map.copyOf(infrastructure.quarkusConfig()));
        infrastructure.embeddedKafka().ifPresent(kafka -> {
            registered.put("broker.stop", (Runnable) kafka::stop);
            registered.put("broker.start", (Runnable) kafka::start);
        });
        infrastructure.embeddedPostgres().ifPresent(postgres -> {
            registered.put("database.stop", (Runnable) postgres::stop);
            registered.put("database.start", (Runnable) postgres::start);
        });
        return registered;
    }

    @Override
    public Map<String, String> start() {
        return infrastructure().quarkusConfig();
    }

    @Override
    public void stop() {
        // Shared by every test class of the module: stopped by the JVM shutdown hook.
    }
}
