package dev.tavern.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import dev.tavern.infra.EmbeddedPostgresServer.Durability;
import dev.tavern.infra.TavernInfrastructure;

/**
 * Runs Tavern on this machine: embedded Kafka and PostgreSQL (or the external ones the environment names), then
 * the four services as separate processes. Prints their URLs once all are healthy, streams their logs, and stops
 * everything on Ctrl-C. {@code TAVERN_LOCAL_SERVICES} names the services to run (modules, comma-separated; "none"
 * for the infrastructure alone), so the others can run in dev mode against it (CONTRIBUTING.md).
 */
public final class LocalStack {

    private static final Duration HEALTH_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("tavern.project.root", "..")).toAbsolutePath().normalize();
        Path workDir = root.resolve("local-stack/target/stack");

        System.out.println("Starting Kafka and PostgreSQL (data in " + workDir + ")...");
        TavernStack stack = TavernStack.start(root, workDir, port("TAVERN_KAFKA_PORT", 9092),
                port("TAVERN_POSTGRES_PORT", 5432), Durability.DURABLE, env("TAVERN_OPERATOR_TOKEN", UUID.randomUUID().toString()));
        List<ServiceProcess> services = selectedServices().stream()
                .map(service -> stack.process(service, port(service.portVariable(), service.defaultPort()), Map.of()))
                .toList();

        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("Stopping Tavern...");
            ServiceProcess.stopAll(services, STOP_TIMEOUT);
            stack.close();
            System.out.println("Stopped.");
        }, "local-stack-shutdown"));

        try {
            ServiceProcess.startAll(services, HEALTH_TIMEOUT);
        } catch (RuntimeException e) {
            // The broker's threads would keep the JVM alive: exit, so the shutdown hook stops everything.
            System.err.println("Tavern did not start: " + e.getMessage());
            System.exit(1);
        }
        printReady(stack, services);

        // Runs until Ctrl-C, or until a service dies on its own.
        CompletableFuture.anyOf(services.stream().map(s -> s.process().onExit()).toArray(CompletableFuture[]::new)).join();
        if (!stopping.get()) {
            services.stream().filter(s -> !s.isAlive()).forEach(s -> System.err.println(s.name() + " exited unexpectedly"));
            System.exit(1);
        }
    }

    private static void printReady(TavernStack stack, List<ServiceProcess> services) {
        TavernInfrastructure infrastructure = stack.infrastructure();
        StringBuilder out = new StringBuilder("\nTavern is up (Ctrl-C stops everything):\n");
        for (ServiceProcess service : services) {
            out.append(String.format("  %-20s %s   (health %s/q/health, API %s/q/openapi)%n",
                    service.name(), service.url(), service.url(), service.url()));
        }
        out.append(String.format("  %-20s %s%n", "kafka", infrastructure.kafkaBootstrapServers()));
        out.append(String.format("  %-20s %s (user %s)%n", "postgres", infrastructure.postgres().jdbcUrl(), infrastructure.postgres().user()));
        out.append(String.format("  %-20s %s%n", "operator token", stack.operatorToken()));
        System.out.println(out);
    }

    private static List<TavernService> selectedServices() {
        String selection = env("TAVERN_LOCAL_SERVICES", "all").strip();
        if (selection.equals("all")) {
            return List.of(TavernService.values());
        }
        Set<String> modules = Arrays.stream(selection.split(",")).map(String::strip).filter(module -> !module.equals("none"))
                .collect(Collectors.toSet());
        List<TavernService> selected = Arrays.stream(TavernService.values()).filter(service -> modules.contains(service.module())).toList();
        if (selected.size() != modules.size()) {
            throw new IllegalArgumentException("TAVERN_LOCAL_SERVICES=" + selection + " names an unknown service; known: "
                    + Arrays.stream(TavernService.values()).map(TavernService::module).toList());
        }
        return selected;
    }

    private static int port(String variable, int fallback) {
        return Integer.parseInt(env(variable, Integer.toString(fallback)));
    }

    private static String env(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }
}
