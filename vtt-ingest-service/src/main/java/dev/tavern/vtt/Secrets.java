package dev.tavern.vtt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** High-entropy secrets (API keys, tokens): generated here, stored as SHA-256, compared in constant time. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** A prefix plus 256 random bits, URL-safe. */
    public static String generate(String prefix) {
        byte[] value = new byte[32];
        RANDOM.nextBytes(value);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** 256 random bits cannot be guessed, so a fast unsalted hash is enough and allows lookup by hash. */
    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    public static boolean matches(String presented, byte[] storedHash) {
        return presented != null && storedHash != null && MessageDigest.isEqual(hash(presented), storedHash);
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null. */
    public static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}
