package dev.tavern.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsAreFreeDistinctAndOutsideTheEphemeralRange() throws IOException {
        List<Integer> ports = IntStream.range(0, 50).map(i -> FreePorts.next()).boxed().toList();

        assertThat(ports).doesNotHaveDuplicates();
        if (Files.exists(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            int ephemeralLow = FreePorts.ephemeralLow();
            assertThat(ephemeralLow).as("the ephemeral range's first port").isGreaterThan(1024);
            assertThat(ports).allMatch(port -> port < ephemeralLow, "below " + ephemeralLow);
        }
        List<ServerSocket> bound = new ArrayList<>();
        try {
            for (int port : ports) {
                ServerSocket socket = new ServerSocket();
                bound.add(socket);
                socket.bind(new InetSocketAddress(port));
            }
        } finally {
            for (ServerSocket socket : bound) {
                socket.close();
            }
        }
    }
}
