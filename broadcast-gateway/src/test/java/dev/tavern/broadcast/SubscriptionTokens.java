package dev.tavern.broadcast;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Mints subscription tokens as vtt-ingest-service does (RS256 under a key id, issuer tavern-vtt-ingest, audience
 * tavern-broadcast, a token id and a channel claim). The gateway's configured test key set has {@code test-1} and
 * {@code test-2}, as during a key rotation; {@code retired} is a key outside it. Tokens under a key a test generated
 * and published ({@link PublishedKeys}) are signed with that key.
 */
public final class SubscriptionTokens {

    public static final String KEY_ONE = "test-1";
    public static final String KEY_TWO = "test-2";
    public static final String RETIRED_KEY = "retired";
    /** The community tokens are issued to unless a test says otherwise; active on the tenants topic. */
    public static final String TENANT = "guild-of-tests";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private SubscriptionTokens() {
    }

    public static String forChannel(String channel) {
        return sign(channel, "tavern-broadcast", Instant.now().plusSeconds(3600));
    }

    public static String sign(String channel, String audience, Instant expiresAt) {
        return sign(channel, UUID.randomUUID().toString(), KEY_ONE, audience, expiresAt);
    }

    /** A token with this id ({@code jti}, null for none), signed with the key of this id. */
    public static String sign(String channel, String tokenId, String keyId, String audience, Instant expiresAt) {
        return sign(channel, tokenId, keyId, audience, expiresAt, TENANT);
    }

    /** A token of this community ({@code tenant} claim). */
    public static String forTenant(String channel, String tenant) {
        return sign(channel, UUID.randomUUID().toString(), KEY_ONE, "tavern-broadcast", Instant.now().plusSeconds(3600), tenant);
    }

    /** A token under this key id, signed with this private key, such as one a test generated. */
    public static String sign(String channel, String keyId, PrivateKey key, String audience, Instant expiresAt) {
        return sign(channel, UUID.randomUUID().toString(), keyId, key, audience, expiresAt, TENANT);
    }

    private static String sign(String channel, String tokenId, String keyId, String audience, Instant expiresAt, String tenant) {
        return sign(channel, tokenId, keyId, privateKey(keyId), audience, expiresAt, tenant);
    }

    private static String sign(String channel, String tokenId, String keyId, PrivateKey key, String audience, Instant expiresAt,
                               String tenant) {
        String header = URL.encodeToString(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + keyId + "\"}").getBytes(StandardCharsets.UTF_8));
        String payload = URL.encodeToString(("{\"iss\":\"tavern-vtt-ingest\",\"aud\":\"" + audience + "\",\"sub\":\"" + channel
                + "\"," + (tokenId == null ? "" : "\"jti\":\"" + tokenId + "\",") + "\"channel\":\"" + channel
                + "\",\"tenant\":\"" + tenant + "\",\"iat\":" + Instant.now().getEpochSecond() + ",\"exp\":" + expiresAt.getEpochSecond()
                + "}").getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + URL.encodeToString(rs256.sign());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot sign a test token", e);
        }
    }

    /** The test key of this id, {@code src/test/resources/subscription-signing-<id>.pem}. */
    public static PrivateKey privateKey(String keyId) {
        try {
            String pem = Files.readString(Path.of("src/test/resources/subscription-signing-" + keyId + ".pem"))
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the test key " + keyId, e);
        }
    }
}
