package dev.tavern.vtt.subscription;

import java.time.Instant;
import java.util.UUID;

/**
 * The value of a record on {@code tavern.vtt.subscription-revocations.v1}, keyed by token id; see docs/contracts.
 * After {@code expiresAt} the token is refused anyway, so gateways forget the revocation and the topic's retention
 * may drop it.
 */
public record TokenRevocation(UUID tokenId, String tenantId, String channel, Instant revokedAt, Instant expiresAt) {
}
