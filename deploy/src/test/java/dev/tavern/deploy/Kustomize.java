package dev.tavern.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with {@code kubectl kustomize}, exactly what {@code kubectl apply -k} would send. */
final class Kustomize {

    private static final long TIMEOUT_SECONDS = 60;

    private Kustomize() {
    }

    /** The rendered YAML; fails with kubectl's own message when the kustomization does not build. */
    static Manifests render(Path kustomization) {
        String kubectl = System.getProperty("tavern.kubectl", "kubectl");
        try {
            Path errors = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(kubectl, "kustomize", kustomization.toString())
                    .redirectError(errors.toFile())
                    .start();
            String yaml = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(kubectl + " kustomize " + kustomization + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            String stderr = Files.readString(errors);
            Files.delete(errors);
            if (process.exitValue() != 0) {
                throw new AssertionError(kubectl + " kustomize " + kustomization + " failed:\n" + stderr);
            }
            return Manifests.parse(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + kubectl + " (install kubectl, or set -Dtavern.kubectl)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while rendering " + kustomization, e);
        }
    }
}
