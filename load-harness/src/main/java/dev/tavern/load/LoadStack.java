package dev.tavern.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tavern.infra.EmbeddedPostgresServer.Durability;
import dev.tavern.infra.FreePorts;
import dev.tavern.local.ServiceProcess;
import dev.tavern.local.TavernService;
import dev.tavern.local.TavernStack;

/**
 * The stack under load, as in production: Kafka, PostgreSQL and every service in processes of their own, on free
 * ports, each service's log in the run's folder. Scenarios and drills reach the processes (to measure, kill or
 * restart them) and the infrastructure (to stop the broker or restart the database) through it.
 */
public final class LoadStack implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final TavernStack tavern;
    private final Path runDir;
    private final Map<TavernService, Map<String, String>> overrides;
    private final HostsFile dispatcherHosts;
    private final Map<TavernService, ServiceProcess> services = new EnumMap<>(TavernService.class);
    private final List<ServiceProcess> replicas = new ArrayList<>();

    private LoadStack(TavernStack tavern, Path runDir, Map<TavernService, Map<String, String>> overrides,
                      HostsFile dispatcherHosts) {
        this.tavern = tavern;
        this.runDir = runDir;
        this.overrides = overrides;
        this.dispatcherHosts = dispatcherHosts;
    }

    /**
     * Starts the infrastructure and one process of every service, and waits until each is healthy.
     *
     * @param overrides per service, environment variables that tune it for the run (the report lists them)
     */
    public static LoadStack start(Path root, Path runDir, Map<TavernService, Map<String, String>> overrides)
            throws Exception {
        Files.createDirectories(runDir);
        HostsFile dispatcherHosts = HostsFile.create(runDir);
        Map<TavernService, Map<String, String>> inRunFolder = new EnumMap<>(TavernService.class);
        overrides.forEach((service, environment) -> {
            Map<String, String> resolved = new LinkedHashMap<>();
            environment.forEach((name, value) -> resolved.put(name, value.replace(LoadSettings.RUN_FOLDER, runDir.toString())));
            inRunFolder.put(service, resolved);
        });
        LoadStack stack = new LoadStack(TavernStack.start(root, runDir.resolve("stack"), 0, 0,
                        // Measured against commits as a production PostgreSQL makes them.
                        Durability.DURABLE, UUID.randomUUID().toString()),
                runDir, inRunFolder, dispatcherHosts);
        for (TavernService service : TavernService.values()) {
            stack.services.put(service, stack.newProcess(service, service.module()));
        }
        try {
            ServiceProcess.startAll(stack.services.values(), START_TIMEOUT);
        } catch (Exception | Error notStarted) {
            stack.close();
            throw notStarted;
        }
        return stack;
    }

    public TavernStack tavern() {
        return tavern;
    }

    /** What webhook-dispatcher's names resolve to. */
    public HostsFile dispatcherHosts() {
        return dispatcherHosts;
    }

    public ServiceProcess service(TavernService service) {
        return services.get(service);
    }

    /** Starts one more process of a service (a second gateway replica, say) and waits until it is healthy. */
    public ServiceProcess startReplica(TavernService service) throws InterruptedException {
        ServiceProcess replica = newProcess(service, service.module() + "-" + (replicas.size() + 2));
        replicas.add(replica);
        replica.start();
        replica.awaitHealthy(START_TIMEOUT);
        return replica;
    }

    /** Stops every service process gracefully, then the infrastructure. */
    @Override
    public void close() {
        List<ServiceProcess> all = new ArrayList<>(services.values());
        all.addAll(replicas);
        ServiceProcess.stopAll(all, STOP_TIMEOUT);
        tavern.close();
    }

    private ServiceProcess newProcess(TavernService service, String logName) {
        return tavern.process(service, FreePorts.next(), overrides.getOrDefault(service, Map.of()),
                runDir.resolve(logName + ".log"));
    }
}
