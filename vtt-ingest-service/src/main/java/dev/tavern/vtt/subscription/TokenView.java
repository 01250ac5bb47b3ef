package dev.tavern.vtt.subscription;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An issued subscription token; the token itself only in the answer that issues it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenView(
        UUID id,
        String channel,
        @Schema(description = "The signed token: shown once, when issued") String token,
        Instant issuedAt,
        Instant expiresAt,
        Instant revokedAt) {

    static TokenView of(IssuedToken issued, String token) {
        return new TokenView(issued.id(), issued.channel(), token, issued.issuedAt(), issued.expiresAt(), issued.revokedAt());
    }
}
