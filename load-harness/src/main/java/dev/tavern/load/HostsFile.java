package dev.tavern.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The hosts file webhook-dispatcher resolves names through during a run ({@code -Djdk.net.hosts.file}, no caching;
 * see {@link LoadSettings}): the harness's own DNS, so a drill can make a receiver's name fail to resolve and then
 * resolve. It always knows {@code localhost}, which the dispatcher needs for Kafka and PostgreSQL.
 */
public final class HostsFile {

    static final String FILE_NAME = "dispatcher-hosts";

    private final Path file;
    private final Map<String, String> addressByName = new LinkedHashMap<>();

    private HostsFile(Path file) {
        this.file = file;
        addressByName.put("localhost", "127.0.0.1");
    }

    static HostsFile create(Path runDir) {
        HostsFile hosts = new HostsFile(runDir.resolve(FILE_NAME));
        hosts.write();
        return hosts;
    }

    /** From now on the name resolves to the address. */
    public synchronized void resolve(String name, String address) {
        addressByName.put(name, address);
        write();
    }

    /** From now on the name does not resolve. */
    public synchronized void forget(String name) {
        addressByName.remove(name);
        write();
    }

    /** Replaced whole, so the dispatcher never reads half a file. */
    private void write() {
        String lines = addressByName.entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey())
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Path next = file.resolveSibling(FILE_NAME + ".next");
            Files.writeString(next, lines);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
