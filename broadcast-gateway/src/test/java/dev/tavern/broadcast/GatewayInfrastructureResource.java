package dev.tavern.broadcast;

import java.util.Map;

import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.infra.test.TenantRecords;

/**
 * The shared infrastructure, with the community every test token belongs to ({@link SubscriptionTokens#TENANT})
 * published active before the gateway starts, as its owner would have long before: the gateway reads it back before it
 * admits anyone.
 */
public class GatewayInfrastructureResource extends TavernInfrastructureResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        try (TenantRecords tenants = new TenantRecords(infrastructure().kafkaBootstrapServers())) {
            tenants.active(SubscriptionTokens.TENANT, "tadm_" + SubscriptionTokens.TENANT);
        }
        return config;
    }
}
