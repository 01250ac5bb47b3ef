package dev.tavern.scheduler.event;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a creation: the only time the host token is ever shown. */
public record CreatedEvent(
        long id,
        String slug,
        String title,
        @Schema(description = "The public voting page") String link,
        @Schema(description = "Proves the caller is the host; shown once, stored only as a hash") String hostToken) {
}
