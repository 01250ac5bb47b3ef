package dev.tavern.webhook.signing;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.webhook.WebhookConfig;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Each tenant's signing secrets: one current, plus rotated-out ones during their grace period. */
@ApplicationScoped
public class SigningSecrets {

    private final SecretCipher cipher;
    private final WebhookConfig config;
    private final CaffeineCache kept;
    /** Counts evictions, so that a read begun before one does not keep what it read. */
    private final AtomicLong evictions = new AtomicLong();

    SigningSecrets(SecretCipher cipher, WebhookConfig config, @CacheName("signing-secrets") Cache kept) {
        this.cipher = cipher;
        this.config = config;
        this.kept = kept.as(CaffeineCache.class);
    }

    public record Rotation(String tenantId, String secret, Instant previousValidUntil) {
    }

    /** A secret as it is kept in memory: decrypted, with the end of its grace period if it was rotated out. */
    record ActiveSecret(String secret, Instant validUntil) {

        boolean signsAt(Instant now) {
            return validUntil == null || validUntil.isAfter(now);
        }
    }

    /**
     * A new current secret for the tenant, shown only in this answer; the previous one keeps
     * signing until the grace period ends, so receivers can switch without losing a webhook. The transaction tells
     * every replica ({@link SecretRotations}) when it commits, so each signs with the new secret from its next attempt.
     */
    public Uni<Rotation> rotate(String tenantId) {
        Instant now = Instant.now();
        Instant graceEnd = now.plus(config.signing().rotationGrace());
        return Panache.withTransaction(() -> SigningSecret.update("validUntil = ?1 where tenantId = ?2 and validUntil is null", graceEnd, tenantId)
                        .flatMap(retired -> {
                            String secret = SecretCipher.newSecret();
                            SigningSecret stored = new SigningSecret();
                            stored.tenantId = tenantId;
                            stored.ciphertext = cipher.encrypt(secret);
                            stored.createdAt = now;
                            return stored.persist().replaceWith(new Rotation(tenantId, secret, retired > 0 ? graceEnd : null));
                        })
                        .call(rotation -> SecretRotations.announce(tenantId)))
                .call(rotation -> forget(tenantId));
    }

    /** Forgets what this replica keeps of a tenant's secrets (one rotated them), or of every tenant's (null). */
    Uni<Void> forget(String tenantId) {
        evictions.incrementAndGet();
        return tenantId == null ? kept.invalidateAll() : kept.invalidate(tenantId);
    }

    /**
     * The secrets that sign a tenant's webhooks now, the current one first; one is created on first use. Every attempt
     * needs them, so they are kept decrypted in memory until a rotation evicts them on every replica
     * ({@link SecretRotations}), or for {@code quarkus.cache.caffeine."signing-secrets".expire-after-write} at most, which
     * bounds what a notice missed while a replica reconnects could cost. A kept entry is a completed value, so a hit
     * costs no transaction and no wait; a rotated-out secret stops signing when its grace period ends, kept or not.
     */
    public Uni<List<String>> active(String tenantId) {
        CompletableFuture<List<ActiveSecret>> known = kept.getIfPresent(tenantId);
        Uni<List<ActiveSecret>> secrets;
        if (known != null) {
            secrets = Uni.createFrom().item(known.getNow(null));
        } else {
            long evictionsBefore = evictions.get();
            secrets = read(tenantId).invoke(read -> {
                if (evictions.get() == evictionsBefore) {
                    kept.put(tenantId, CompletableFuture.completedFuture(read));
                }
            });
        }
        return secrets.map(all -> {
            Instant now = Instant.now();
            return all.stream().filter(secret -> secret.signsAt(now)).map(ActiveSecret::secret).toList();
        });
    }

    @WithTransaction
    Uni<List<ActiveSecret>> read(String tenantId) {
        Instant now = Instant.now();
        return currentAndGrace(tenantId, now)
                .flatMap(secrets -> secrets.isEmpty()
                        ? createFirst(tenantId, now).flatMap(created -> currentAndGrace(tenantId, now))
                        : Uni.createFrom().item(secrets))
                .map(secrets -> secrets.stream().map(s -> new ActiveSecret(cipher.decrypt(s.ciphertext), s.validUntil)).toList());
    }

    private static Uni<List<SigningSecret>> currentAndGrace(String tenantId, Instant now) {
        return SigningSecret.list("tenantId = ?1 and (validUntil is null or validUntil > ?2) order by createdAt desc", tenantId, now);
    }

    /** Two instances may both find none: the unique current-secret index keeps only one. */
    private Uni<Integer> createFirst(String tenantId, Instant now) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "INSERT INTO {h-schema}signing_secret (tenant_id, ciphertext, created_at) VALUES (:tenantId, :ciphertext, :now) "
                                + "ON CONFLICT (tenant_id) WHERE valid_until IS NULL DO NOTHING")
                .setParameter("tenantId", tenantId)
                .setParameter("ciphertext", cipher.encrypt(SecretCipher.newSecret()))
                .setParameter("now", now)
                .executeUpdate());
    }
}
