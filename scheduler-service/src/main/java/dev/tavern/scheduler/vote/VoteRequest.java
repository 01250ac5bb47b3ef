package dev.tavern.scheduler.vote;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.tavern.scheduler.event.EventLimits;

/** A participant's answers: they replace the previous ones; slots left out are unanswered. */
public record VoteRequest(
        @NotBlank(message = "Name is required") @Size(max = EventLimits.MAX_NAME) String name,
        @Schema(description = "YES, MAYBE or NO per slot id")
        @NotNull(message = "Answers are required") @Size(max = EventLimits.MAX_SLOTS) Map<@NotNull Long, @NotNull Answer> answers) {
}
