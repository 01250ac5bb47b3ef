package dev.tavern.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The JVM flags (heap, GC) an application chose in its {@code application.properties} as
 * {@code quarkus.jib.jvm-additional-arguments}: the container image starts the JVM with them, and so does every local
 * process of it, so the tests, the run command and the load harness measure the JVM that production runs.
 */
public final class JvmOptions {

    static final String PROPERTY = "quarkus.jib.jvm-additional-arguments";

    private JvmOptions() {
    }

    /** The flags the module (a service's folder in the project) chose. */
    public static List<String> of(Path module) {
        Path properties = module.resolve("src/main/resources/application.properties");
        Properties read = new Properties();
        try (Reader reader = Files.newBufferedReader(properties)) {
            read.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + properties, e);
        }
        String flags = read.getProperty(PROPERTY);
        if (flags == null || flags.isBlank()) {
            throw new IllegalStateException(properties + " does not set " + PROPERTY + ": every application chooses its heap");
        }
        return Arrays.stream(flags.split(",")).map(String::trim).toList();
    }
}
