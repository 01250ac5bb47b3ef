package dev.tavern.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One Tavern service run from its packaged jar as a child process; its output goes to a log file, or to the terminal
 * prefixed with its name. It can be started again after it stopped or was killed.
 */
public final class ServiceProcess {

    private static final Duration LAST_LINES_WAIT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path jar;
    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final Optional<Path> logFile;
    private final String color;
    private Process process;
    private Thread logPump;

    ServiceProcess(String name, int port, Path jar, List<String> jvmOptions, Map<String, String> environment,
                   Optional<Path> logFile, String color) {
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.environment = environment;
        this.logFile = logFile;
        this.color = color;
    }

    /**
     * A process of any packaged Quarkus application run like a service (health check), with the JVM flags of the
     * service it stands in for, its output appended to a file: how the load harness runs the reference applications it
     * compares Tavern with.
     */
    public static ServiceProcess ofJar(String name, Path jar, TavernService like, Path projectRoot, int port,
                                       Map<String, String> environment, Path logFile) {
        return new ServiceProcess(name, port, jar, JvmOptions.of(projectRoot.resolve(like.module())), environment,
                Optional.of(logFile), "");
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The JVM flags it runs with: its service's own ({@link JvmOptions}). */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public void start() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw package -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        logFile.ifPresent(file -> builder.redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile())));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
        if (logFile.isEmpty()) {
            logPump = new Thread(this::prefixOutput, name + "-log");
            logPump.setDaemon(true);
            logPump.start();
        }
    }

    /** Waits until {@code /q/health} answers UP, or fails at the deadline or when the process dies. */
    public void awaitHealthy(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/q/health")).timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue());
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Process process() {
        return process;
    }

    /** SIGKILL: the process ends at once, as in a crash or an out-of-memory kill. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    /**
     * SIGSTOP: the process halts where it stands and keeps its sockets open, as in a stalled VM or a node cut off by
     * a network partition; its peers see it hang, not close.
     */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT: a frozen process goes on where it halted. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling " + name, e);
        }
    }

    /** Starts every process, so they boot side by side, then waits until each is healthy. */
    public static void startAll(Collection<ServiceProcess> processes, Duration healthTimeout) throws InterruptedException {
        processes.forEach(ServiceProcess::start);
        for (ServiceProcess process : processes) {
            process.awaitHealthy(healthTimeout);
        }
    }

    /** Asks every process to stop at once, then waits for each; one that outlasts the timeout is killed. */
    public static void stopAll(Collection<ServiceProcess> processes, Duration timeout) {
        processes.forEach(ServiceProcess::requestStop);
        processes.forEach(process -> process.awaitStop(timeout));
    }

    /** SIGTERM, so Quarkus shuts down gracefully. */
    public void requestStop() {
        if (process != null) {
            process.destroy();
        }
    }

    /** Waits for the process to end; kills it if it takes longer than the timeout. */
    public void awaitStop(Duration timeout) {
        if (process == null) {
            return;
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
            if (logPump != null) {
                // Let the service's last lines (its shutdown report) reach the terminal.
                logPump.join(LAST_LINES_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void prefixOutput() {
        String prefix = color + String.format("%-20s", name) + "\u001B[0m| ";
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println(prefix + line);
            }
        } catch (IOException ignored) {
            // The process ended.
        }
    }
}
