package dev.tavern.infra.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.infra.contract.TopicContract;

/**
 * Tenants as their owner, scheduler-service, publishes them on {@code tavern.tenants.v1}: for the tests of the
 * services that read the topic and do not run the owner. Every record is checked against the topic's contract before
 * it is sent, so these tests consume only what the owner may write.
 */
public final class TenantRecords implements AutoCloseable {

    public static final String TOPIC = "tavern.tenants.v1";
    /** Revisions only grow, across every instance in the JVM, as the owner's do per tenant. */
    private static final AtomicLong REVISIONS = new AtomicLong(System.currentTimeMillis());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TopicWriter writer;
    private final TopicContract contract = TopicContract.of(TOPIC);

    public TenantRecords(String bootstrapServers) {
        this.writer = new TopicWriter(bootstrapServers);
    }

    /** A new admin key, as the owner issues one: {@code tadm_} and 256 random bits. */
    public static String newAdminKey() {
        return "tadm_" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }

    /** An active tenant whose admin key is {@code adminKey} (a {@code tadm_...} value). */
    public void active(String tenantId, String adminKey) {
        publish(tenantId, "ACTIVE", adminKey);
    }

    public void suspended(String tenantId, String adminKey) {
        publish(tenantId, "SUSPENDED", adminKey);
    }

    public void deleted(String tenantId) {
        publish(tenantId, "DELETED", null);
    }

    private void publish(String tenantId, String status, String adminKey) {
        Map<String, Object> record = new HashMap<>();
        record.put("id", tenantId);
        record.put("name", "Guild " + tenantId);
        record.put("status", status);
        record.put("hostnames", status.equals("DELETED") ? List.of() : List.of(tenantId + ".tavern.example"));
        record.put("publicBaseUrl", "https://" + tenantId + ".tavern.example");
        record.put("adminKeyHash", adminKey == null ? null : sha256Hex(adminKey));
        record.put("revision", REVISIONS.incrementAndGet());
        record.put("changedAt", Instant.now().toString());
        String value = toJson(record);
        contract.assertValid(value);
        writer.send(TOPIC, tenantId, "tavern.tenant.changed", value);
    }

    private static String sha256Hex(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String toJson(Map<String, Object> record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        writer.close();
    }
}
