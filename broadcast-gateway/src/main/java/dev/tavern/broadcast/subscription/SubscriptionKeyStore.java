package dev.tavern.broadcast.subscription;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The subscription keys the replicas have read, in the gateway's schema: every replica writes every key it reads
 * (idempotently) and deletes every key the topic retires, so the table stays whole while any replica runs.
 */
@ApplicationScoped
public class SubscriptionKeyStore {

    private final Pool pool;

    SubscriptionKeyStore(Pool pool) {
        this.pool = pool;
    }

    /** Every stored key: its JWK by key id. */
    public Uni<Map<String, String>> load() {
        return pool.query("SELECT key_id, jwk FROM broadcast.subscription_key").execute().map(rows -> {
            Map<String, String> keys = new HashMap<>();
            for (Row row : rows) {
                keys.put(row.getString("key_id"), row.getString("jwk"));
            }
            return keys;
        });
    }

    /** Keeps the key under its id; the same key read again, or by several replicas, changes nothing. */
    public Uni<Void> store(String keyId, String jwk) {
        return pool.preparedQuery("""
                        INSERT INTO broadcast.subscription_key (key_id, jwk, received_at) VALUES ($1, $2, now())
                        ON CONFLICT (key_id) DO UPDATE SET jwk = EXCLUDED.jwk, received_at = EXCLUDED.received_at
                        WHERE subscription_key.jwk IS DISTINCT FROM EXCLUDED.jwk""")
                .execute(Tuple.of(keyId, jwk))
                .replaceWithVoid();
    }

    /** Forgets a key the topic retired. */
    public Uni<Void> forget(String keyId) {
        return pool.preparedQuery("DELETE FROM broadcast.subscription_key WHERE key_id = $1").execute(Tuple.of(keyId)).replaceWithVoid();
    }
}
