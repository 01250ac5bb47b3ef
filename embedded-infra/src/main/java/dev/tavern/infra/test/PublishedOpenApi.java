package dev.tavern.infra.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.tavern.infra.ProjectRoot;

/**
 * A service's OpenAPI document as published in {@code docs/openapi/<service>.yaml}, held to
 * what the running service serves at {@code /q/openapi}. With {@code -Dtavern.openapi.write=true}
 * the same check writes the served document to the file instead.
 */
public final class PublishedOpenApi {

    /** The system property that turns the check into regeneration. */
    public static final String WRITE_PROPERTY = "tavern.openapi.write";

    /** What each service calls the test that makes this check, so one command regenerates any of them. */
    public static final String TEST_NAME = "PublishedOpenApiTest";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String module;
    private final Path file;

    private PublishedOpenApi(String module) {
        this.module = module;
        this.file = ProjectRoot.resolve("docs/openapi/" + module + ".yaml");
    }

    /** The published document of a service, named after its Maven module. */
    public static PublishedOpenApi of(String module) {
        return new PublishedOpenApi(module);
    }

    /**
     * Fetches the document the service serves (YAML) and fails, saying how to regenerate,
     * unless the published file has exactly that content.
     *
     * @param openApiUrl the running service's {@code /q/openapi}
     */
    public void assertPublishedAs(URI openApiUrl) {
        String served = fetchYaml(openApiUrl);
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            write(served);
            return;
        }
        String published = Files.isRegularFile(file) ? read() : null;
        if (!served.equals(published)) {
            throw new AssertionError((published == null ? file + " is missing." : file + " differs from what "
                    + module + " serves at /q/openapi: " + firstDifference(published, served) + ".")
                    + "\nIf the API change is intended, regenerate it and commit the file:\n  ./mvnw -pl " + module
                    + " -am verify -Dtest=" + TEST_NAME + " -Dsurefire.failIfNoSpecifiedTests=false -D"
                    + WRITE_PROPERTY + "=true");
        }
    }

    private static String fetchYaml(URI openApiUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(openApiUrl + "?format=yaml")).timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(openApiUrl + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot fetch " + openApiUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String firstDifference(String published, String served) {
        List<String> was = published.lines().toList();
        List<String> is = served.lines().toList();
        for (int line = 0; line < Math.max(was.size(), is.size()); line++) {
            String old = line < was.size() ? was.get(line) : "<end of file>";
            String now = line < is.size() ? is.get(line) : "<end of document>";
            if (!old.equals(now)) {
                return "line " + (line + 1) + " is \"" + old.strip() + "\" in the file but \"" + now.strip() + "\" served";
            }
        }
        return "they differ in line endings";
    }

    private String read() {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String served) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, served);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
