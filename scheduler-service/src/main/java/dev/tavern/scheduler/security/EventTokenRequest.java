package dev.tavern.scheduler.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The event tokens a request carries: a host token, a participant token, or both. */
final class EventTokenRequest extends BaseAuthenticationRequest {

    final String hostToken;
    final String participantToken;

    EventTokenRequest(String hostToken, String participantToken) {
        this.hostToken = hostToken;
        this.participantToken = participantToken;
    }
}
