package dev.tavern.broadcast.channel;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.tenants.TopicCatchUp;

/**
 * Whether this replica has read its history window of rolls back ({@link HistoryRebuild}). Until then it is not ready
 * ({@link HistoryReadiness}: a load balancer keeps clients on the replicas that are); a client that comes back with a
 * position meanwhile waits for it ({@link Broadcaster}).
 */
@ApplicationScoped
public class HistoryCatchUp extends TopicCatchUp {
}
