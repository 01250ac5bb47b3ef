package dev.tavern.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the manifests must agree with, read from the source tree (never from build output). */
final class ProjectSources {

    static final List<String> SERVICES = List.of("scheduler-service", "webhook-dispatcher", "vtt-ingest-service", "broadcast-gateway");

    private static final Pattern TOPIC_CONSTANT = Pattern.compile("String TOPIC = \"([^\"]+)\"");
    private static final Pattern CREATE_SECRET = Pattern.compile("create secret (generic|tls) ([a-z0-9.-]+)");
    private static final Pattern SECRET_KEY = Pattern.compile("--from-(?:literal|file)=([A-Za-z0-9._-]+)=");
    private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>([a-z0-9-]+)</artifactId>");
    private static final Pattern PROPERTY_REFERENCE = Pattern.compile("\\$\\{([^}:]+)}");

    private final Path root;
    private final String projectVersion;

    ProjectSources(Path root, String projectVersion) {
        this.root = root;
        this.projectVersion = projectVersion;
    }

    static ProjectSources fromBuild() {
        Path root = Path.of(System.getProperty("tavern.project.root", "..")).toAbsolutePath().normalize();
        return new ProjectSources(root, System.getProperty("tavern.project.version", "0.1.0-SNAPSHOT"));
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    String projectVersion() {
        return projectVersion;
    }

    /**
     * A service's configuration, production profile (%prod. entries win): the META-INF/microprofile-config.properties
     * of each of the project's libraries its pom.xml names, overridden by its src/main/resources/application.properties.
     * A value's {@code ${key}} is replaced by that key's value when the configuration has it ({@code ${quarkus.uuid}}
     * stays as it is).
     */
    Map<String, String> applicationProperties(String service) {
        Properties properties = new Properties();
        try {
            String pom = Files.readString(path(service + "/pom.xml"));
            Matcher dependency = ARTIFACT_ID.matcher(pom);
            while (dependency.find()) {
                Path defaults = path(dependency.group(1) + "/src/main/resources/META-INF/microprofile-config.properties");
                if (!dependency.group(1).equals(service) && Files.isRegularFile(defaults)) {
                    load(properties, defaults);
                }
            }
            load(properties, path(service + "/src/main/resources/application.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> production = new HashMap<>();
        properties.stringPropertyNames().stream().filter(key -> !key.startsWith("%")).forEach(key -> production.put(key, properties.getProperty(key)));
        properties.stringPropertyNames().stream().filter(key -> key.startsWith("%prod.")).forEach(key -> production.put(key.substring("%prod.".length()), properties.getProperty(key)));
        Map<String, String> expanded = new HashMap<>();
        production.forEach((key, value) -> expanded.put(key, PROPERTY_REFERENCE.matcher(value)
                .replaceAll(reference -> Matcher.quoteReplacement(production.getOrDefault(reference.group(1), reference.group())))));
        return expanded;
    }

    private static void load(Properties properties, Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
    }

    /**
     * The topics a service publishes through its outbox: the TOPIC constant of every class that enqueues a record, or
     * prepares one for its own SQL to write.
     */
    Set<String> publishedTopics(String service) {
        Set<String> topics = new HashSet<>();
        try (Stream<Path> files = Files.walk(path(service + "/src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher constant = TOPIC_CONSTANT.matcher(source);
                if ((source.contains("outbox.enqueue(TOPIC") || source.contains("outbox.prepare(TOPIC")) && constant.find()) {
                    topics.add(constant.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return topics;
    }

    /**
     * The Secrets README's "Deploy" section tells the reader to create, with their keys:
     * {@code kubectl -n tavern create secret generic NAME --from-literal=KEY=... \} (continued lines included).
     */
    Map<String, Set<String>> documentedSecrets() {
        String readme;
        try {
            readme = Files.readString(path("README.md")).replace("\\\n", " ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Set<String>> secrets = new HashMap<>();
        for (String line : readme.split("\n")) {
            Matcher command = CREATE_SECRET.matcher(line);
            if (command.find()) {
                Set<String> keys = secrets.computeIfAbsent(command.group(2), name -> new HashSet<>());
                if (command.group(1).equals("tls")) {
                    keys.addAll(List.of("tls.crt", "tls.key"));
                }
                Matcher key = SECRET_KEY.matcher(line);
                while (key.find()) {
                    keys.add(key.group(1));
                }
            }
        }
        return secrets;
    }
}
