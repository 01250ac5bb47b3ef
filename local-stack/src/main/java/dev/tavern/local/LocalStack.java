package dev.tavern.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tavern.infra.TavernInfrastructure;

/**
 * Runs Tavern on this machine: embedded Kafka and PostgreSQL (or the external ones the
 * environment names), then the four services as separate processes. Prints their URLs once
 * all are healthy, streams their logs, and stops everything on Ctrl-C.
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
        TavernInfrastructure infrastructure = TavernInfrastructure.start(workDir,
                port("TAVERN_KAFKA_PORT", 9092), port("TAVERN_POSTGRES_PORT", 5432), System::getenv);

        String operatorToken = env("TAVERN_OPERATOR_TOKEN", UUID.randomUUID().toString());
        int schedulerPort = port("TAVERN_SCHEDULER_PORT", 8080);
        Map<String, String> common = commonEnvironment(infrastructure, operatorToken);

        List<ServiceProcess> services = new ArrayList<>();
        services.add(service(root, "scheduler-service", schedulerPort, common, "\u001B[36m",
                Map.of("TAVERN_SCHEDULER_PUBLIC_BASE_URL", "http://localhost:" + schedulerPort)));
        // The signing secrets' key is kept with the data it encrypts.
        services.add(service(root, "webhook-dispatcher", port("TAVERN_WEBHOOK_PORT", 8082), common, "\u001B[35m", Map.of(
                "TAVERN_WEBHOOK_SIGNING_ENCRYPTION_KEY", encryptionKey(workDir))));
        // Subscription tokens: the ingest service signs with the private key, the gateway verifies with the public one.
        SigningKeys keys = SigningKeys.loadOrCreate(workDir);
        services.add(service(root, "vtt-ingest-service", port("TAVERN_INGEST_PORT", 3333), common, "\u001B[33m",
                Map.of("SMALLRYE_JWT_SIGN_KEY", keys.privatePem())));
        services.add(service(root, "broadcast-gateway", port("TAVERN_GATEWAY_PORT", 8084), common, "\u001B[32m",
                Map.of("MP_JWT_VERIFY_PUBLICKEY", keys.publicPem())));

        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("Stopping Tavern...");
            services.forEach(ServiceProcess::requestStop);
            services.forEach(service -> service.awaitStop(STOP_TIMEOUT));
            infrastructure.close();
            System.out.println("Stopped.");
        }, "local-stack-shutdown"));

        try {
            for (ServiceProcess service : services) {
                service.start();
            }
            for (ServiceProcess service : services) {
                service.awaitHealthy(HEALTH_TIMEOUT);
            }
        } catch (RuntimeException e) {
            // The broker's threads would keep the JVM alive: exit, so the shutdown hook stops everything.
            System.err.println("Tavern did not start: " + e.getMessage());
            System.exit(1);
        }
        printReady(infrastructure, services, operatorToken);

        // Runs until Ctrl-C, or until a service dies on its own.
        CompletableFuture.anyOf(services.stream().map(s -> s.process().onExit()).toArray(CompletableFuture[]::new)).join();
        if (!stopping.get()) {
            services.stream().filter(s -> !s.isAlive()).forEach(s -> System.err.println(s.name() + " exited unexpectedly"));
            System.exit(1);
        }
    }

    private static Map<String, String> commonEnvironment(TavernInfrastructure infrastructure, String operatorToken) {
        Map<String, String> env = new LinkedHashMap<>();
        infrastructure.quarkusConfig().forEach((key, value) -> env.put(toEnvName(key), value));
        env.put("TAVERN_OPERATOR_TOKEN", operatorToken);
        // Webhook receivers on this machine are allowed (scheduler checks fromUrl, dispatcher every attempt).
        env.put("TAVERN_WEBHOOK_TARGETS_ALLOW_HTTP", "true");
        env.put("TAVERN_WEBHOOK_TARGETS_ALLOWED_CIDRS", "127.0.0.0/8,::1/128");
        // Readable, prefixed logs on a terminal; production keeps JSON.
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        return env;
    }

    private static ServiceProcess service(Path root, String name, int port, Map<String, String> common, String color,
                                          Map<String, String> own) {
        Map<String, String> env = new LinkedHashMap<>(common);
        env.putAll(own);
        return new ServiceProcess(name, port, root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar"), env, color);
    }

    private static void printReady(TavernInfrastructure infrastructure, List<ServiceProcess> services, String operatorToken) {
        StringBuilder out = new StringBuilder("\nTavern is up (Ctrl-C stops everything):\n");
        for (ServiceProcess service : services) {
            out.append(String.format("  %-20s %s   (health %s/q/health, API %s/q/openapi)%n",
                    service.name(), service.url(), service.url(), service.url()));
        }
        out.append(String.format("  %-20s %s%n", "kafka", infrastructure.kafkaBootstrapServers()));
        out.append(String.format("  %-20s %s (user %s)%n", "postgres", infrastructure.postgres().jdbcUrl(), infrastructure.postgres().user()));
        out.append(String.format("  %-20s %s%n", "operator token", operatorToken));
        System.out.println(out);
    }

    private static String encryptionKey(Path workDir) throws java.io.IOException {
        Path file = workDir.resolve("webhook-signing.key");
        if (!java.nio.file.Files.exists(file)) {
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            java.nio.file.Files.createDirectories(workDir);
            java.nio.file.Files.writeString(file, java.util.Base64.getEncoder().encodeToString(key));
        }
        return java.nio.file.Files.readString(file).strip();
    }

    /** {@code quarkus.datasource.reactive.url} becomes {@code QUARKUS_DATASOURCE_REACTIVE_URL}. */
    private static String toEnvName(String property) {
        return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    private static int port(String variable, int fallback) {
        return Integer.parseInt(env(variable, Integer.toString(fallback)));
    }

    private static String env(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }
}
