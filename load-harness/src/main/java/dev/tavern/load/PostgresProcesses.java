package dev.tavern.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The embedded PostgreSQL server's process and its backends, found from the pid file in its data directory. */
final class PostgresProcesses {

    private PostgresProcesses() {
    }

    static List<Long> of(Path dataDirectory) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
            List<Long> pids = new ArrayList<>();
            ProcessHandle.of(postmaster).ifPresent(server -> {
                pids.add(server.pid());
                server.descendants().forEach(backend -> pids.add(backend.pid()));
            });
            return pids;
        } catch (IOException | RuntimeException e) {
            // Stopped (a drill restarts it): nothing to read this second.
            return List.of();
        }
    }
}
