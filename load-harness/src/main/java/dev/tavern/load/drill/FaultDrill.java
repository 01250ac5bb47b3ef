package dev.tavern.load.drill;

/** One scripted fault under load, bounded in time, that books what its users saw. */
interface FaultDrill {

    /** Short and stable, e.g. {@code kafka-outage}: the report's row and the {@code tavern.drills} selector. */
    String name();

    /** The fault and the load it hits, in a sentence. */
    String what();

    /** Runs the drill and answers its counts; leaves the stack running and healthy for the next one. */
    DrillOutcome run(DrillKit kit, Timeline timeline) throws Exception;
}
