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

/**
 * Mints subscription tokens as vtt-ingest-service does (RS256, issuer tavern-vtt-ingest,
 * audience tavern-broadcast, a channel claim), with the test key pair.
 */
public final class SubscriptionTokens {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private SubscriptionTokens() {
    }

    public static String forChannel(String channel) {
        return sign(channel, "tavern-broadcast", Instant.now().plusSeconds(3600));
    }

    public static String sign(String channel, String audience, Instant expiresAt) {
        String header = URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = URL.encodeToString(("{\"iss\":\"tavern-vtt-ingest\",\"aud\":\"" + audience + "\",\"sub\":\"" + channel
                + "\",\"channel\":\"" + channel + "\",\"tenant\":\"default\",\"iat\":" + Instant.now().getEpochSecond()
                + ",\"exp\":" + expiresAt.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey());
            rs256.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + URL.encodeToString(rs256.sign());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot sign a test token", e);
        }
    }

    private static PrivateKey privateKey() throws Exception {
        String pem = Files.readString(Path.of("src/test/resources/subscription-signing-test-key.pem"))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
}
