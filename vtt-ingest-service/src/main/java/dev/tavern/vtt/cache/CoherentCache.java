package dev.tavern.vtt.cache;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CaffeineCache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;

/**
 * Rows the dice-roll path reads, kept in memory (a Caffeine cache of Quarkus Cache, bounded in size and age) and
 * served only while {@link ChangeNotices} vouches for them: each entry carries the generation it was read in, and is
 * served only if no change was heard since and the listener is known to hear. A changed row is so in force on every
 * replica within {@code tavern.ingest.directory.max-staleness}, and usually within milliseconds.
 *
 * <p>What is read is kept under the generation in which the read began: a value read before a change but kept after
 * its notice is never served.
 */
public final class CoherentCache<V> {

    private record Kept<V>(V value, long generation) {
    }

    private final CaffeineCache entries;
    private final ChangeNotices changes;

    public CoherentCache(Cache entries, ChangeNotices changes) {
        this.entries = entries.as(CaffeineCache.class);
        this.changes = changes;
    }

    /** The kept value, or null when there is none this replica may serve. */
    public V fresh(Object key) {
        if (!changes.trusted()) {
            return null;
        }
        CompletableFuture<Kept<V>> kept = entries.getIfPresent(key);
        // Only read values are put, so an entry is always a completed future.
        Kept<V> entry = kept == null ? null : kept.getNow(null);
        return entry != null && entry.generation() == changes.generation() ? entry.value() : null;
    }

    /**
     * The kept value, or what {@code read} reads. Two requests missing at once both read: cheaper than making the
     * second wait on the first, and the reads agree.
     */
    public Future<V> get(Object key, Supplier<Future<V>> read) {
        V kept = fresh(key);
        return kept != null ? Future.succeededFuture(kept) : read(key, read);
    }

    /** What {@code read} reads now, past what is kept; kept in turn unless null. */
    public Future<V> read(Object key, Supplier<Future<V>> read) {
        long generation = changes.generation();
        return read.get().onSuccess(value -> {
            if (value != null) {
                entries.put(key, CompletableFuture.completedFuture(new Kept<>(value, generation)));
            }
        });
    }

    /** Stops this replica serving the entry at once, ahead of the change's notice. */
    public Uni<Void> forget(Object key) {
        return entries.invalidate(key);
    }
}
