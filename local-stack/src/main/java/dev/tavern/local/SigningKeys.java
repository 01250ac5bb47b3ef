package dev.tavern.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The RSA key pair of subscription tokens for a local run, kept with the stack's data so tokens survive a restart. */
record SigningKeys(String privatePem, String publicPem) {

    static SigningKeys loadOrCreate(Path workDir) throws IOException {
        Path privateFile = workDir.resolve("subscription-signing.pem");
        Path publicFile = workDir.resolve("subscription-signing.pub.pem");
        if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
            KeyPair pair = generate();
            Files.createDirectories(workDir);
            Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
        return new SigningKeys(Files.readString(privateFile), Files.readString(publicFile));
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is required by every JVM", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
