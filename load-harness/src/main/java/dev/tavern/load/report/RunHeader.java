package dev.tavern.load.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.utils.AppInfoParser;

import dev.tavern.infra.TavernInfrastructure.PostgresCoordinates;
import dev.tavern.load.LoadSettings;
import dev.tavern.local.ServiceProcess;

/** The facts a reader needs to trust or reproduce a report: machine, versions, settings, revision. */
public final class RunHeader {

    private static final Pattern QUARKUS_VERSION = Pattern.compile("<quarkus\\.version>([^<]+)</quarkus\\.version>");

    private final String machine;
    private final String versions;
    private final String revision;
    private final String jvmFlags;

    private RunHeader(String machine, String versions, String revision, String jvmFlags) {
        this.machine = machine;
        this.versions = versions;
        this.revision = revision;
        this.jvmFlags = jvmFlags;
    }

    /** Reads everything before the run, so the revision's dirty flag is not about the run's own output. */
    public static RunHeader capture(Path root, PostgresCoordinates postgres, List<ServiceProcess> services) {
        String machine = "%s, %d cores, %s GB RAM, Linux %s, %s %s".formatted(cpuModel(),
                Runtime.getRuntime().availableProcessors(), memoryGigabytes(), read(Path.of("/proc/sys/kernel/osrelease")),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
        String versions = "Quarkus %s, Kafka %s (embedded KRaft broker), PostgreSQL %s (embedded; set apart from its defaults: %s)"
                .formatted(quarkusVersion(root), AppInfoParser.getVersion(), postgresQuery(postgres, "SHOW server_version"),
                        postgresQuery(postgres, NON_DEFAULT_SETTINGS));
        String head = git(root, "rev-parse", "HEAD");
        boolean dirty = !git(root, "status", "--porcelain", "--untracked-files=no").isBlank();
        MarkdownTable jvmFlags = new MarkdownTable("process", "JVM flags (its `quarkus.jib.jvm-additional-arguments`)");
        for (ServiceProcess service : services) {
            jvmFlags.row(service.name(), "`" + String.join(" ", service.jvmOptions()) + "`");
        }
        jvmFlags.row("broadcast-ceiling", "broadcast-gateway's");
        jvmFlags.row("ingest-ceiling", "vtt-ingest-service's");
        jvmFlags.row("webhook-ceiling", "webhook-dispatcher's");
        return new RunHeader(machine, versions, head + (dirty ? " (with uncommitted changes)" : " (clean)"), jvmFlags.render());
    }

    public String render(String started, String took) {
        MarkdownTable run = new MarkdownTable("", "");
        run.row("date (UTC)", started);
        run.row("took", took);
        run.row("machine", machine);
        run.row("versions", versions);
        run.row("git revision", revision);
        run.row("command", "`./mvnw -B -ntp package -DskipTests -Pload`");
        MarkdownTable settings = new MarkdownTable("service", "setting", "value", "why");
        LoadSettings.settings().forEach(setting -> settings.row(setting.service().module(), "`" + setting.variable() + "`",
                "`" + setting.value() + "`", setting.why()));
        return run.render() + """

                Every service runs as its own process from its packaged jar (`java <flags> -jar quarkus-run.jar`), with \
                the JVM flags its container image has:

                """ + jvmFlags + """

                and production settings except:

                """ + settings.render() + """

                **The load generator shares the machine.** The harness JVM (Vert.x clients on one event loop per core, \
                no thread per connection) runs on the same 2 cores as the services, PostgreSQL and the Kafka broker, \
                which it embeds. The footprint section and every missed goal's profile split the CPU between them. \
                Every load is open loop at a fixed arrival rate; latencies run from each request's intended start \
                (coordinated-omission safe) and are kept in HdrHistograms. A flight recording (JFR, default \
                settings) runs in every service throughout.
                """;
    }

    private static String cpuModel() {
        return read(Path.of("/proc/cpuinfo")).lines().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
    }

    private static String memoryGigabytes() {
        return read(Path.of("/proc/meminfo")).lines().filter(line -> line.startsWith("MemTotal:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .map(kb -> String.format("%.0f", kb / 1024.0 / 1024.0)).findFirst().orElse("?");
    }

    private static String quarkusVersion(Path root) {
        Matcher matcher = QUARKUS_VERSION.matcher(read(root.resolve("pom.xml")));
        return matcher.find() ? matcher.group(1) : "?";
    }

    /** What the server was started with beyond its defaults, durability included (fsync, synchronous_commit). */
    private static final String NON_DEFAULT_SETTINGS = """
            SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings
            WHERE source IN ('command line', 'configuration file') AND name NOT IN ('port', 'listen_addresses')""";

    private static String postgresQuery(PostgresCoordinates postgres, String query) {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            return result.next() ? result.getString(1) : "?";
        } catch (SQLException e) {
            return "? (" + e.getMessage() + ")";
        }
    }

    private static String git(Path root, String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
            command.addAll(List.of(args));
            Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0 ? output : "unknown (" + output + ")";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
