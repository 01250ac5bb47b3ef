package dev.tavern.broadcast.overlay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /overlay/streamer/{streamerId}?token=...}: a transparent page for an OBS browser
 * source. The page itself is public and holds nothing; it opens the streamer's channel with
 * the token from its own address, which the gateway checks at the upgrade.
 */
@PermitAll
@Path("/overlay/streamer/{streamerId}")
public class OverlayResource {

    private final String page = read("/META-INF/resources/overlay/overlay.html");

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Streamer overlay page", description = "Shows the channel's rolls live; criticals stand out.")
    public String overlay() {
        return page;
    }

    private static String read(String resource) {
        try (InputStream in = OverlayResource.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
