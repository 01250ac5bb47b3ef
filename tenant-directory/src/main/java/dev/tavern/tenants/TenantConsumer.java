package dev.tavern.tenants;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.common.annotation.NonBlocking;

/**
 * Every replica reads every tenant record (its own consumer group, from the beginning; see
 * META-INF/microprofile-config.properties). Applying one is a map update, so it needs no worker thread.
 */
@ApplicationScoped
public class TenantConsumer {

    private static final Logger LOG = Logger.getLogger(TenantConsumer.class);

    private final TenantDirectory directory;
    private final TenantsCatchUp catchUp;
    private final ObjectMapper objectMapper;

    TenantConsumer(TenantDirectory directory, TenantsCatchUp catchUp, ObjectMapper objectMapper) {
        this.directory = directory;
        this.catchUp = catchUp;
        this.objectMapper = objectMapper;
    }

    @Incoming("tenants")
    @NonBlocking
    public void consume(ConsumerRecord<String, String> record) {
        try {
            TenantRecord tenant = read(record);
            if (tenant != null) {
                directory.apply(tenant);
            }
        } finally {
            catchUp.read(record.partition(), record.offset());
        }
    }

    /**
     * The tenant a record carries. A tombstone (null value) ends the tenant as DELETED; a record off its contract is
     * logged and skipped, so the tenant keeps the state its last good record gave it.
     */
    private TenantRecord read(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return record.key() == null ? null
                    : new TenantRecord(record.key(), null, TenantRecord.Status.DELETED, List.of(), null, null, Long.MAX_VALUE, null);
        }
        try {
            TenantRecord tenant = objectMapper.readValue(record.value(), TenantRecord.class);
            if (tenant.complete()) {
                return tenant;
            }
        } catch (JsonProcessingException e) {
            LOG.debugf(e, "Tenant record at offset %d is not JSON", record.offset());
        }
        LOG.errorf("Tenant record at offset %d of partition %d is off its contract: the tenant keeps its last state",
                record.offset(), record.partition());
        return null;
    }
}
