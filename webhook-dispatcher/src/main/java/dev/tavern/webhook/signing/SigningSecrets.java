package dev.tavern.webhook.signing;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.webhook.WebhookConfig;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CacheResult;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Each tenant's signing secrets: one current, plus rotated-out ones during their grace period. */
@ApplicationScoped
public class SigningSecrets {

    private final SecretCipher cipher;
    private final WebhookConfig config;
    private final Cache active;

    SigningSecrets(SecretCipher cipher, WebhookConfig config, @CacheName("signing-secrets") Cache active) {
        this.cipher = cipher;
        this.config = config;
        this.active = active;
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
                .call(rotation -> active.invalidate(tenantId));
    }

    /** Forgets what this replica keeps of a tenant's secrets (one rotated them), or of every tenant's (null). */
    Uni<Void> forget(String tenantId) {
        return tenantId == null ? active.invalidateAll() : active.invalidate(tenantId);
    }

    /** The secrets that sign a tenant's webhooks now, the current one first; one is created on first use. */
    public Uni<List<String>> active(String tenantId) {
        return kept(tenantId).map(secrets -> {
            Instant now = Instant.now();
            return secrets.stream().filter(secret -> secret.signsAt(now)).map(ActiveSecret::secret).toList();
        });
    }

    /**
     * Every attempt needs its tenant's secrets, so they are kept decrypted in memory until a rotation evicts them on
     * every replica ({@link SecretRotations}), or for {@code quarkus.cache.caffeine."signing-secrets".expire-after-write}
     * at most, which bounds what a notice missed while a replica reconnects could cost. A rotated-out secret stops
     * signing when its grace period ends, kept or not ({@link #active}).
     */
    @CacheResult(cacheName = "signing-secrets")
    @WithTransaction
    Uni<List<ActiveSecret>> kept(String tenantId) {
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
