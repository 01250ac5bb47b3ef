package dev.tavern.vtt;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tavern.ingest")
public interface IngestConfig {

    Subscription subscription();

    Directory directory();

    /** Largest webhook body accepted, in bytes; larger ones get 413. */
    @WithDefault("65536")
    int maxBodyBytes();

    /**
     * Browser origins (e.g. {@code https://admin.myguild.example}) allowed to call the management API ({@code /api/*})
     * cross-origin; none by default. {@code /webhooks/vtt/*} answers every origin regardless: VTT modules run in the
     * game master's browser, on whatever address the VTT is served from.
     */
    Optional<List<String>> managementCorsOrigins();

    /** What each replica keeps in memory of API keys, campaigns and characters ({@code dev.tavern.vtt.cache}). */
    interface Directory {

        /**
         * The longest a change made on another replica (a key revoked or rotated, a streamer assigned) may go unseen
         * here: past it without word from PostgreSQL that every change is heard, kept entries are not used.
         */
        @WithDefault("750ms")
        Duration maxStaleness();
    }

    /**
     * Subscription tokens. Campaign tokens open the game master's view (hidden rolls included): short-lived. Streamer
     * tokens are overlay links pasted into OBS once: long-lived, and revocable one by one or all of a channel.
     */
    interface Subscription {

        /** The key id ({@code kid}) tokens are signed under: the gateway picks the matching key from its key set. */
        @WithDefault("tavern-1")
        String keyId();

        @WithDefault("1h")
        Duration campaignDefaultLifetime();

        @WithDefault("24h")
        Duration campaignMaxLifetime();

        @WithDefault("90d")
        Duration streamerDefaultLifetime();

        @WithDefault("365d")
        Duration streamerMaxLifetime();
    }
}
