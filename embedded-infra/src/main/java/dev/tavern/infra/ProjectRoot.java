package dev.tavern.infra;

import java.nio.file.Path;

/**
 * The repository's root directory, where the shared documents live ({@code docs/...}): the
 * build passes it as {@code tavern.project.root}; a module run on its own sits one level below.
 */
public final class ProjectRoot {

    private ProjectRoot() {
    }

    public static Path resolve(String relativePath) {
        String root = System.getProperty("tavern.project.root");
        return (root != null ? Path.of(root) : Path.of("..")).resolve(relativePath);
    }
}
