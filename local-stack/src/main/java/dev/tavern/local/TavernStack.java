package dev.tavern.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tavern.infra.EmbeddedPostgresServer.Durability;
import dev.tavern.infra.TavernInfrastructure;

/**
 * Kafka and PostgreSQL for Tavern on one machine, and the processes of its services wired to them: each service
 * gets the infrastructure's coordinates, the operator token, the webhook-target allow-list for loopback receivers
 * and the keys it shares with its peers (kept in the work directory, so a restart keeps tokens and secrets valid).
 */
public final class TavernStack implements AutoCloseable {

    private final Path root;
    private final TavernInfrastructure infrastructure;
    private final String operatorToken;
    private final SigningKeys subscriptionKeys;
    private final String webhookEncryptionKey;

    private TavernStack(Path root, TavernInfrastructure infrastructure, String operatorToken,
                        SigningKeys subscriptionKeys, String webhookEncryptionKey) {
        this.root = root;
        this.infrastructure = infrastructure;
        this.operatorToken = operatorToken;
        this.subscriptionKeys = subscriptionKeys;
        this.webhookEncryptionKey = webhookEncryptionKey;
    }

    /**
     * Starts Kafka and PostgreSQL (unless the environment names external ones, see {@link TavernInfrastructure}).
     *
     * @param root      the project's root, where each service's packaged jar is found
     * @param workDir   where data and keys are kept
     * @param kafkaPort the embedded broker's port, 0 for any free one
     * @param pgPort    the embedded PostgreSQL port, 0 for any free one
     * @param durability how the embedded PostgreSQL commits
     */
    public static TavernStack start(Path root, Path workDir, int kafkaPort, int pgPort, Durability durability, String operatorToken) {
        try {
            SigningKeys keys = SigningKeys.loadOrCreate(workDir);
            String encryptionKey = encryptionKey(workDir);
            TavernInfrastructure infrastructure = TavernInfrastructure.start(workDir, kafkaPort, pgPort, durability, System::getenv);
            return new TavernStack(root, infrastructure, operatorToken, keys, encryptionKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + workDir, e);
        }
    }

    public TavernInfrastructure infrastructure() {
        return infrastructure;
    }

    public String operatorToken() {
        return operatorToken;
    }

    /** A service process whose output goes to the terminal, each line prefixed with the service's name. */
    public ServiceProcess process(TavernService service, int port, Map<String, String> overrides) {
        return new ServiceProcess(service.module(), port, jar(service), jvmOptions(service),
                environment(service, port, overrides), Optional.empty(), service.color());
    }

    /** A service process whose output goes to a file (appended, so a restarted process keeps its history). */
    public ServiceProcess process(TavernService service, int port, Map<String, String> overrides, Path logFile) {
        return new ServiceProcess(service.module(), port, jar(service), jvmOptions(service),
                environment(service, port, overrides), Optional.of(logFile), service.color());
    }

    /** Stops Kafka and PostgreSQL; stop the service processes first. */
    @Override
    public void close() {
        infrastructure.close();
    }

    private List<String> jvmOptions(TavernService service) {
        return JvmOptions.of(root.resolve(service.module()));
    }

    private Path jar(TavernService service) {
        return root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The environment that points any Quarkus application at this stack's Kafka and PostgreSQL. */
    public Map<String, String> infrastructureEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        infrastructure.quarkusConfig().forEach((key, value) -> env.put(toEnvName(key), value));
        return env;
    }

    private Map<String, String> environment(TavernService service, int port, Map<String, String> overrides) {
        Map<String, String> env = infrastructureEnvironment();
        env.put("TAVERN_OPERATOR_TOKEN", operatorToken);
        // Webhook receivers on this machine are allowed (scheduler checks fromUrl, dispatcher every attempt).
        env.put("TAVERN_WEBHOOK_TARGETS_ALLOW_HTTP", "true");
        env.put("TAVERN_WEBHOOK_TARGETS_ALLOWED_CIDRS", "127.0.0.0/8,::1/128");
        // Readable lines on a terminal or in a log file; production keeps JSON.
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        switch (service) {
            case SCHEDULER -> env.put("TAVERN_SCHEDULER_PUBLIC_BASE_URL", "http://localhost:" + port);
            case WEBHOOK_DISPATCHER -> env.put("TAVERN_WEBHOOK_SIGNING_ENCRYPTION_KEY", webhookEncryptionKey);
            // Subscription tokens: the ingest service signs with the private key and publishes its public half on
            // tavern.vtt.subscription-keys.v1, where the gateway reads it: the gateway is given no key.
            case VTT_INGEST -> env.put("SMALLRYE_JWT_SIGN_KEY", subscriptionKeys.privatePem());
        }
        env.putAll(overrides);
        return env;
    }

    /** The signing secrets' key is kept with the data it encrypts. */
    private static String encryptionKey(Path workDir) throws IOException {
        Path file = workDir.resolve("webhook-signing.key");
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(workDir);
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
        }
        return Files.readString(file).strip();
    }

    /** {@code quarkus.datasource.reactive.url} becomes {@code QUARKUS_DATASOURCE_REACTIVE_URL}. */
    private static String toEnvName(String property) {
        return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }
}
