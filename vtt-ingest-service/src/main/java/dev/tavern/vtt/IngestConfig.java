package dev.tavern.vtt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tavern.ingest")
public interface IngestConfig {

    RateLimit rateLimit();

    /** Largest webhook body accepted, in bytes; larger ones get 413. */
    @WithDefault("65536")
    int maxBodyBytes();

    /** Requests per API key and minute, across every replica (the VTT API document's limits by default). */
    interface RateLimit {

        @WithDefault("60")
        int testPerMinute();

        @WithDefault("120")
        int diceRollPerMinute();
    }
}
