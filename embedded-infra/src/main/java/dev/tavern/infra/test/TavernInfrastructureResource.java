package dev.tavern.infra.test;

import java.nio.file.Path;
import java.util.Map;

import dev.tavern.infra.TavernInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service under test at real infrastructure: one embedded Kafka broker and one
 * embedded PostgreSQL per test JVM (or the external ones the environment names), shared by
 * every test class of the module.
 */
public class TavernInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    private static TavernInfrastructure infrastructure;

    /** The infrastructure of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized TavernInfrastructure infrastructure() {
        if (infrastructure == null) {
            Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "tavern-infra-" + ProcessHandle.current().pid());
            infrastructure = TavernInfrastructure.start(workDir, 0, 0, System::getenv);
            Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "tavern-infra-shutdown"));
        }
        return infrastructure;
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
