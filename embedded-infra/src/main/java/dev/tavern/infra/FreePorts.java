package dev.tavern.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks a free loopback port, for servers that must keep their port across a restart.
 * <p>
 * Below the kernel's ephemeral range where it can: a port the kernel handed out (port 0) is one it also hands to
 * outgoing connections, and a load run opens thousands of them, so one took a service's port between the pick and the
 * bind ("Port ... seems to be in use"). A port is handed out once per JVM.
 */
public final class FreePorts {

    /** Above the well-known and most registered servers' ports. */
    private static final int LOWEST = 15000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    /** Read once: the range does not change while a run picks its ports. */
    private static final int EPHEMERAL_LOW = ephemeralLow();

    private FreePorts() {
    }

    public static int next() {
        for (int attempt = 0; EPHEMERAL_LOW > LOWEST && attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, EPHEMERAL_LOW);
            if (HANDED_OUT.add(port)) {
                if (bindable(port)) {
                    return port;
                }
                HANDED_OUT.remove(port);
            }
        }
        return anyFree();
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            HANDED_OUT.add(socket.getLocalPort());
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first port of the ephemeral range; 0 where the system does not tell (then any free port will do). */
    static int ephemeralLow() {
        // Read by line: procfs answers a whole-file read with its first byte on some kernels.
        try (BufferedReader range = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            return Integer.parseInt(range.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unknown) {
            return 0;
        }
    }
}
