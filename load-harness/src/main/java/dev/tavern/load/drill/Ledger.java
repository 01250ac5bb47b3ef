package dev.tavern.load.drill;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The books of one drill: what it sent, what the service acknowledged, and what a user saw arrive, per item the drill
 * made up (a VTT roll id, a {@code fromUrlId}). Each item has the identity the service gave it (the Tavern roll id,
 * the {@code webhook-id}); an item seen again with the same identity is a recognisable duplicate, one seen with another
 * identity is not.
 */
final class Ledger {

    private final AtomicLong sent = new AtomicLong();
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();
    private final Map<String, Arrival> seen = new ConcurrentHashMap<>();
    private volatile long lastRefusalNanos;

    /** The first identity an item arrived with, and how often it arrived. */
    private static final class Arrival {
        final String identity;
        final AtomicLong times = new AtomicLong();
        final AtomicLong otherIdentities = new AtomicLong();

        Arrival(String identity) {
            this.identity = identity;
        }
    }

    void sent() {
        sent.incrementAndGet();
    }

    void accepted(String item, String identity) {
        accepted.put(item, identity);
    }

    /** A request that was not acknowledged, by why: a status code or the client-side failure. */
    void refused(String reason) {
        refused.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        lastRefusalNanos = System.nanoTime();
    }

    void seen(String item, String identity) {
        Arrival arrival = seen.computeIfAbsent(item, i -> new Arrival(identity));
        arrival.times.incrementAndGet();
        if (!arrival.identity.equals(identity)) {
            arrival.otherIdentities.incrementAndGet();
        }
    }

    long sentCount() {
        return sent.get();
    }

    long acceptedCount() {
        return accepted.size();
    }

    /** When the last refusal was booked, on the {@link System#nanoTime()} clock; 0 when there was none. */
    long lastRefusalNanos() {
        return lastRefusalNanos;
    }

    long refusedCount() {
        return refused.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Each accepted item by the identity the service gave it. */
    Map<String, String> itemsByIdentity() {
        Map<String, String> items = new HashMap<>();
        accepted.forEach((item, identity) -> items.put(identity, item));
        return items;
    }

    /** The identities of the accepted items whose names start with the prefix. */
    List<String> acceptedIdentities(String itemPrefix) {
        return accepted.entrySet().stream().filter(e -> e.getKey().startsWith(itemPrefix)).map(Map.Entry::getValue).toList();
    }

    /** The items accepted so far. */
    Set<String> acceptedItems() {
        return Set.copyOf(accepted.keySet());
    }

    boolean seenAll(Set<String> items) {
        return seen.keySet().containsAll(items);
    }

    /** Every request has its answer (or gave up waiting for one), and every accepted item has arrived. */
    boolean settled() {
        return accepted.size() + refusedCount() == sent.get() && seen.keySet().containsAll(accepted.keySet());
    }

    long delivered() {
        return accepted.keySet().stream().filter(seen::containsKey).count();
    }

    long duplicated() {
        return seen.values().stream().mapToLong(arrival -> arrival.times.get() - 1).sum();
    }

    /** Duplicates that carried another identity than the first arrival: a user could not tell them apart. */
    long unrecognisedDuplicates() {
        return seen.values().stream().mapToLong(arrival -> arrival.otherIdentities.get()).sum();
    }

    long lost() {
        return accepted.size() - delivered();
    }

    /** Items that arrived although their request was not acknowledged (it failed after the service committed it). */
    long arrivedUnacknowledged() {
        return seen.keySet().stream().filter(item -> !accepted.containsKey(item)).count();
    }

    /** E.g. {@code POST /webhooks/vtt/dice-roll answered 500 ×412, Connection refused ×3}, or {@code none}. */
    String refusals() {
        if (refused.isEmpty()) {
            return "none";
        }
        return new TreeMap<>(refused).entrySet().stream()
                .map(e -> e.getKey() + " ×" + e.getValue().get())
                .collect(Collectors.joining(", "));
    }

    /** What a reader needs beside the counts: refusals, and arrivals the counts alone would hide. */
    String countsNotes() {
        StringBuilder notes = new StringBuilder("not accepted: ").append(refusals());
        long unacknowledged = arrivedUnacknowledged();
        if (unacknowledged > 0) {
            notes.append("; ").append(unacknowledged).append(" arrived although their request got no acknowledgement");
        }
        long unrecognised = unrecognisedDuplicates();
        if (unrecognised > 0) {
            notes.append("; ").append(unrecognised).append(" duplicates carried a different id (not recognisable)");
        }
        return notes.toString();
    }

    DrillOutcome outcome(String name, String what, Duration took, String notes) {
        return new DrillOutcome(name, what, sentCount(), acceptedCount(), delivered(), duplicated(), lost(), took,
                notes + "; " + countsNotes());
    }
}
