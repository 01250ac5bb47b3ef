package dev.tavern.scheduler.vote;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record VoteResult(
        long participantId,
        String name,
        Map<Long, Answer> answers,
        @Schema(description = "Only on a participant's first vote: send it as X-Participant-Token to change or withdraw")
        String participantToken) {
}
