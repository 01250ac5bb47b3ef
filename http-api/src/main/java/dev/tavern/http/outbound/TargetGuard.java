package dev.tavern.http.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Keeps webhooks off internal networks (SSRF): the receiver's host is resolved here and every
 * address must be public, unless an allowed CIDR opens it. The request then connects to the
 * very address checked, so a DNS answer that changes between check and connect (rebinding)
 * cannot redirect it.
 */
@ApplicationScoped
public class TargetGuard {

    /** Where to connect and what to call it (Host header, TLS server name). */
    public record Target(URI uri, InetAddress address, boolean https, int port, String requestUri) {

        public String host() {
            return uri.getHost();
        }
    }

    private final boolean allowHttp;
    private final List<Cidr> allowed;

    @jakarta.inject.Inject
    TargetGuard(WebhookTargetsConfig config) {
        this(config.allowHttp(), config.allowedCidrs().orElse(List.of()).stream().map(Cidr::parse).toList());
    }

    TargetGuard(boolean allowHttp, List<Cidr> allowed) {
        this.allowHttp = allowHttp;
        this.allowed = allowed;
    }

    /**
     * Resolves off the event loop (the JDK resolver blocks) and answers on the caller's Vert.x
     * context, where its reactive sessions live; fails with {@link RefusedTargetException}.
     */
    public Uni<Target> resolve(String url) {
        Context caller = Vertx.currentContext();
        Uni<Target> resolved = Uni.createFrom().item(() -> check(url)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return caller == null ? resolved : resolved.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    Target check(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new RefusedTargetException("Not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
            throw new RefusedTargetException(allowHttp ? "Only http and https URLs are called" : "Only https URLs are called");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            throw new RefusedTargetException("The URL needs a host and no user information");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new RefusedTargetException("Host " + uri.getHost() + " does not resolve", true);
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address) && allowed.stream().noneMatch(cidr -> cidr.contains(address))) {
                // Never the address itself: the caller may be anyone, and the answer must not map the internal network.
                throw new RefusedTargetException("Host " + uri.getHost() + " is not a public address");
            }
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String requestUri = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new Target(uri, addresses[0], https, port, requestUri);
    }

    /**
     * Loopback, private, link-local (metadata services), unique-local, multicast, CGNAT and unspecified are not; an
     * IPv6 address that embeds an IPv4 one (IPv4-mapped, IPv4-compatible, NAT64, 6to4) is public only if that is.
     */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second <= 127) && !(first == 192 && second == 0)
                    && !(first == 198 && (second == 18 || second == 19)) && first < 224;
        }
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) {
                return false;
            }
            int embedded = embeddedIpv4At(bytes);
            if (embedded >= 0) {
                try {
                    return isPublic(InetAddress.getByAddress(Arrays.copyOfRange(bytes, embedded, embedded + 4)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static final byte[] NAT64 = {0x00, 0x64, (byte) 0xff, (byte) 0x9b};

    /** Where an IPv6 address carries an IPv4 one, or -1. */
    private static int embeddedIpv4At(byte[] bytes) {
        boolean zeroTo10 = allZero(bytes, 0, 10);
        boolean mapped = zeroTo10 && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
        boolean compatible = zeroTo10 && bytes[10] == 0 && bytes[11] == 0;
        // 64:ff9b::/96 (RFC 6052) and 64:ff9b:1::/48 (RFC 8215, local use) carry it in the last 32 bits.
        boolean nat64 = Arrays.equals(bytes, 0, 4, NAT64, 0, 4) && (allZero(bytes, 4, 12) || (bytes[4] == 0 && bytes[5] == 1));
        if (mapped || compatible || nat64) {
            return 12;
        }
        // 2002::/16, 6to4 (RFC 3056): the IPv4 address follows the prefix.
        return (bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x02 ? 2 : -1;
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** An address range such as 10.0.0.0/8 or fd00::/8. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String cidr) {
            String[] parts = cidr.strip().split("/");
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                return new Cidr(network, parts.length > 1 ? Integer.parseInt(parts[1]) : network.length * 8);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("Not a CIDR: " + cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
