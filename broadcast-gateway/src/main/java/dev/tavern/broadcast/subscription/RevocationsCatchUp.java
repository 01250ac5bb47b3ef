package dev.tavern.broadcast.subscription;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tavern.tenants.TopicCatchUp;

/**
 * Whether this replica has read every revocation on the topic. Until then it admits no connection (fail closed): a
 * token revoked before the replica started must not get in while its revocation is still on its way.
 */
@ApplicationScoped
public class RevocationsCatchUp extends TopicCatchUp {
}
