package dev.tavern.vtt.subscription;

import java.time.Instant;
import java.util.Map;

/**
 * The value of a record on {@code tavern.vtt.subscription-keys.v1}, keyed by key id; see docs/contracts. The key
 * tokens signed under {@code keyId} are verified with: its public half only, as a JSON Web Key.
 */
public record PublishedSigningKey(String keyId, String algorithm, Map<String, Object> jwk, Instant publishedAt) {
}
