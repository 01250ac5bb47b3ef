package dev.tavern.vtt;

import io.smallrye.mutiny.Uni;

/** Lookups through the in-memory caches of the dice-roll path (API keys, campaigns, characters). */
public final class CachedLookups {

    private CachedLookups() {
    }

    /**
     * A cache loads a value once for every request that asks for it meanwhile, as one future the cache holds. A request
     * whose client hangs up is cancelled, and Mutiny passes a cancellation up to that shared future, which would fail
     * the other requests' lookups too (a 500 for a client that did nothing wrong); here each caller's cancellation stays
     * its own, and the load completes for the others.
     */
    public static <T> Uni<T> detached(Uni<T> cached) {
        return Uni.createFrom().emitter(emitter -> cached.subscribe().with(emitter::complete, emitter::fail));
    }
}
