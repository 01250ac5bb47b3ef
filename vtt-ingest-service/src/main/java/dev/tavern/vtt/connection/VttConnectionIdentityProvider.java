package dev.tavern.vtt.connection;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.tavern.http.security.Roles;
import dev.tavern.http.security.Secrets;
import dev.tavern.tenants.TenantDirectory;
import dev.tavern.vtt.Rows;
import dev.tavern.vtt.cache.ChangeNotices;
import dev.tavern.vtt.cache.CoherentCache;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * A VTT module: a bearer {@code ta_...} API key of an active connection, which the identity carries.
 *
 * <p>What a key proves is kept in a {@link CoherentCache} for {@code quarkus.cache.caffeine."vtt-api-keys".expire-after-write}
 * (30 s), so a module costs one lookup per key and half minute, and a revoked or rotated key stops working on every
 * replica as soon as its change is heard (within {@code tavern.ingest.directory.max-staleness} at most). A key found
 * unknown is kept as such too, so repeating it costs no lookup. The lookup also notes when the key was last seen once
 * that is 30 s old, so the time is at most a minute old while the key is in use.
 */
@ApplicationScoped
public class VttConnectionIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    static final String CONNECTION = "tavern.vtt-connection";

    private final Pool pool;
    private final CoherentCache<Optional<ActiveConnection>> keys;
    private final TenantDirectory tenants;
    private final String lookupSql;

    VttConnectionIdentityProvider(Pool pool, @CacheName("vtt-api-keys") Cache keys, ChangeNotices changes, TenantDirectory tenants,
                                  @ConfigProperty(name = "quarkus.flyway.default-schema") String schema) {
        this.pool = pool;
        this.keys = new CoherentCache<>(keys, changes);
        this.tenants = tenants;
        this.lookupSql = """
                WITH found AS (SELECT id, tenant_id, name, provider, status, api_key_hash, last_seen_at
                               FROM %1$s.vtt_connection WHERE api_key_hash = $1),
                     seen AS (UPDATE %1$s.vtt_connection SET last_seen_at = $2::timestamptz
                              WHERE id = (SELECT id FROM found WHERE status = 'active'
                                          AND (last_seen_at IS NULL OR last_seen_at < $2::timestamptz - interval '30 seconds')))
                SELECT id, tenant_id, name, provider, status, api_key_hash FROM found""".formatted(schema);
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /**
     * Another kind of bearer token is left to the other providers; an unknown or revoked key proves nobody, and so does
     * the key of a tenant that is suspended or deleted, asked on every request, since the directory is in memory.
     */
    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String apiKey = request.getToken().getToken();
        if (!apiKey.startsWith(ConnectionService.API_KEY_PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        byte[] hash = Secrets.hash(apiKey);
        String cacheKey = HexFormat.of().formatHex(hash);
        Optional<ActiveConnection> known = keys.fresh(cacheKey);
        if (known != null) {
            return Uni.createFrom().item(identityOf(known));
        }
        // Two requests with a key not known yet both look it up: cheaper than the second waiting on the first.
        return Uni.createFrom().completionStage(() -> keys.read(cacheKey, () -> lookup(apiKey, hash)).toCompletionStage())
                .map(this::identityOf);
    }

    private SecurityIdentity identityOf(Optional<ActiveConnection> found) {
        return found.filter(connection -> tenants.serves(connection.tenantId()))
                .map(connection -> QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(connection.id().toString()))
                        .addRole(Roles.VTT_CONNECTION)
                        .addAttribute(CONNECTION, connection)
                        .build())
                .orElse(null);
    }

    /** Stops this replica accepting a key at once (the others when they hear of the change). */
    Uni<Void> forget(byte[] apiKeyHash) {
        return keys.forget(HexFormat.of().formatHex(apiKeyHash));
    }

    /** Looked up by hash and compared in constant time: empty for an unknown or revoked key. */
    private Future<Optional<ActiveConnection>> lookup(String apiKey, byte[] hash) {
        return pool.preparedQuery(lookupSql).execute(Tuple.of(Buffer.buffer(hash), OffsetDateTime.now(ZoneOffset.UTC)))
                .map(rows -> Optional.ofNullable(Rows.first(rows, row -> activeWithKey(apiKey, row))));
    }

    private static ActiveConnection activeWithKey(String apiKey, Row row) {
        if (!ConnectionStatus.active.name().equals(row.getString("status"))
                || !Secrets.matches(apiKey, row.getBuffer("api_key_hash").getBytes())) {
            return null;
        }
        return new ActiveConnection(row.getUUID("id"), row.getString("tenant_id"), row.getString("name"), row.getString("provider"));
    }
}
