package dev.tavern.load.drill;

import java.time.Duration;

/**
 * What one fault drill did and what its users saw.
 *
 * @param name       short name, e.g. {@code kafka-outage}
 * @param what       the fault and the load it hit, in a sentence
 * @param sent       requests the drill made
 * @param accepted   requests the service acknowledged (anything else, a 5xx or no answer, does not count)
 * @param delivered  accepted items that reached their user (a topic consumer, a webhook receiver, a WebSocket client)
 * @param duplicated arrivals beyond the first of an item, each recognisable by the id it carries
 * @param lost       accepted items that never arrived within the drill's bounded wait
 * @param took       the drill's wall-clock time
 * @param notes      timings, refusals and anything a reader needs to judge the counts
 */
public record DrillOutcome(String name, String what, long sent, long accepted, long delivered, long duplicated,
                           long lost, Duration took, String notes) {
}
