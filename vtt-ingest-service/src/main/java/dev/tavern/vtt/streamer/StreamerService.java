package dev.tavern.vtt.streamer;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.tavern.http.errors.ApiException;
import dev.tavern.vtt.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A tenant's streamers. */
@ApplicationScoped
public class StreamerService {

    private final Pool pool;
    private final String insertSql;
    private final String listSql;
    private final String ownedSql;

    StreamerService(Pool pool, @ConfigProperty(name = "quarkus.flyway.default-schema") String schema) {
        this.pool = pool;
        this.insertSql = "INSERT INTO " + schema + ".streamer (" + Streamer.COLUMNS + ") VALUES ($1, $2, $3, $4)";
        this.listSql = "SELECT " + Streamer.COLUMNS + " FROM " + schema + ".streamer WHERE tenant_id = $1 ORDER BY created_at";
        this.ownedSql = "SELECT " + Streamer.COLUMNS + " FROM " + schema + ".streamer WHERE id = $1 AND tenant_id = $2";
    }

    public Uni<Streamer> create(String tenantId, String displayName) {
        Streamer streamer = new Streamer(UUID.randomUUID(), tenantId, displayName.strip(), Rows.now());
        return pool.preparedQuery(insertSql)
                .execute(Tuple.of(streamer.id(), tenantId, streamer.displayName(), Rows.timestamp(streamer.createdAt())))
                .replaceWith(streamer);
    }

    public Uni<List<Streamer>> list(String tenantId) {
        return pool.preparedQuery(listSql).execute(Tuple.of(tenantId)).map(rows -> rows.stream().map(Streamer::of).toList());
    }

    /** A streamer of this tenant; another tenant's is as unknown as a missing one. */
    public Uni<Streamer> owned(String tenantId, UUID id) {
        return pool.preparedQuery(ownedSql).execute(Tuple.of(id, tenantId))
                .map(rows -> Rows.first(rows, Streamer::of))
                .onItem().ifNull().failWith(() -> ApiException.notFound("Streamer not found", "No streamer " + id));
    }
}
