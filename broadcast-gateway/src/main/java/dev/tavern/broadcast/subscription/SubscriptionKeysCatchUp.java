package dev.tavern.broadcast.subscription;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.tenants.TopicCatchUp;

/**
 * Whether this replica has read every subscription signing key on the topic. Until then it admits no connection: a
 * token under a key published while the replica was away would be refused for want of its key.
 */
@ApplicationScoped
public class SubscriptionKeysCatchUp extends TopicCatchUp {
}
