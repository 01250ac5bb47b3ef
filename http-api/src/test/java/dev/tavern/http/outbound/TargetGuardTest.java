package dev.tavern.http.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.tavern.http.outbound.TargetGuard.Cidr;

/** Which addresses count as public, and what an allow-list opens (pure logic, no network). */
class TargetGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1",
            // IPv4 embedded in IPv6: NAT64 (RFC 6052, RFC 8215), 6to4 and IPv4-compatible.
            "64:ff9b::a01:203", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::a01:203", "2002:a01:203::1", "2002:7f00:1::",
            "::a01:203", "::7f00:1"})
    void nonPublicAddressesAreRecognised(String address) throws Exception {
        assertThat(TargetGuard.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808",
            "2002:808:808::1", "::808:808"})
    void publicAddressesPass(String address) throws Exception {
        assertThat(TargetGuard.isPublic(InetAddress.getByName(address))).isTrue();
    }

    @Test
    void anAllowListOpensExactlyItsRange() throws Exception {
        Cidr loopback = Cidr.parse("127.0.0.0/8");
        assertThat(loopback.contains(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(loopback.contains(InetAddress.getByName("128.0.0.1"))).isFalse();
        assertThat(loopback.contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(Cidr.parse("10.1.2.0/24").contains(InetAddress.getByName("10.1.3.1"))).isFalse();
    }

    @Test
    void loopbackWithoutAnAllowListAndPlainHttpInProductionAreRefused() {
        TargetGuard production = new TargetGuard(false, java.util.List.of());
        TargetGuard selfHosted = new TargetGuard(true, java.util.List.of());

        assertThatThrownBy(() -> production.check("http://example.com/hook")).hasMessage("Only https URLs are called");
        assertThatThrownBy(() -> selfHosted.check("http://127.0.0.1:8080/hook"))
                .hasMessage("Host 127.0.0.1 is not a public address");
        assertThatThrownBy(() -> selfHosted.check("http://user:pw@example.com/hook")).isInstanceOf(RefusedTargetException.class);
        assertThat(new TargetGuard(true, java.util.List.of(Cidr.parse("127.0.0.0/8"))).check("http://127.0.0.1:8080/hook?x=1").requestUri())
                .isEqualTo("/hook?x=1");
    }
}
