package dev.tavern.http.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.tavern.http.errors.ApiException;

/**
 * Operator routes need {@code Authorization: Bearer <operator token>}, checked in constant
 * time before the body is read. Without a configured token every operator route is refused.
 */
public class OperatorTokenFilter {

    private final Optional<byte[]> tokenHash;
    private final List<String> pathPrefixes;

    OperatorTokenFilter(@ConfigProperty(name = "tavern.operator.token") Optional<String> token,
                        @ConfigProperty(name = "tavern.operator.path-prefixes", defaultValue = "/api/operator/") List<String> pathPrefixes) {
        this.tokenHash = token.filter(t -> !t.isBlank()).map(OperatorTokenFilter::sha256);
        this.pathPrefixes = pathPrefixes;
    }

    @ServerRequestFilter
    public void requireOperator(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (pathPrefixes.stream().noneMatch(path::startsWith)) {
            return;
        }
        String presented = bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        boolean valid = presented != null && tokenHash.isPresent() && MessageDigest.isEqual(sha256(presented), tokenHash.get());
        if (!valid) {
            throw ApiException.unauthorized("Invalid operator token");
        }
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
