package dev.tavern.scheduler.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random, URL-safe secrets: host and participant tokens (kept only as SHA-256 hashes) and event slugs. */
public final class HostTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private HostTokens() {
    }

    /** 256 random bits: too many to guess, so a fast hash is enough to store it. */
    public static String newToken() {
        return random(32);
    }

    /** 96 random bits in 16 URL-safe characters: unguessable, short enough to share. */
    static String newSlug() {
        return random(12);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /** Constant-time comparison of a presented token with a stored hash. */
    public static boolean matches(String presented, byte[] storedHash) {
        return presented != null && MessageDigest.isEqual(hash(presented), storedHash);
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return URL_SAFE.encodeToString(value);
    }
}
