package dev.tavern.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The RSA private key subscription tokens are signed with in a local run, kept with the stack's data so tokens survive
 * a restart. The ingest service publishes its public half on {@code tavern.vtt.subscription-keys.v1}, where the
 * gateways read it: they are given no key.
 */
record SigningKeys(String privatePem) {

    static SigningKeys loadOrCreate(Path workDir) throws IOException {
        Path privateFile = workDir.resolve("subscription-signing.pem");
        if (!Files.exists(privateFile)) {
            Files.createDirectories(workDir);
            Files.writeString(privateFile, pem("PRIVATE KEY", generate()));
        }
        return new SigningKeys(Files.readString(privateFile));
    }

    private static byte[] generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate().getEncoded();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is required by every JVM", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
