package dev.tavern.load;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which of the run's parts (scenarios, drills) run: all by default; a subset to work on one path. */
record RunParts(Set<String> chosen) {

    static final List<String> NAMES = List.of("ingest", "end-to-end", "fan-out", "webhooks", "footprint", "drills");
    static final String ALL = String.join(",", NAMES);

    static RunParts of(String list) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            String part = name.trim();
            if (!NAMES.contains(part)) {
                throw new IllegalArgumentException("Unknown part of the load run: '" + part + "'; the parts are " + ALL);
            }
            chosen.add(part);
        }
        return new RunParts(chosen);
    }

    boolean chosen(String part) {
        if (!NAMES.contains(part)) {
            throw new IllegalArgumentException("Not a part of the load run: '" + part + "'");
        }
        return chosen.contains(part);
    }

    /** Said in the report's title when the run left parts out, so a partial report is never read as a whole one. */
    String titleSuffix() {
        return chosen.size() == NAMES.size() ? "" : " (only " + String.join(", ", chosen) + ")";
    }
}
