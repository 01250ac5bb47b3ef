package dev.tavern.broadcast;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tavern.broadcast")
public interface GatewayConfig {

    /**
     * Bytes of frames waiting in one connection's socket (about 256 frames of half a kilobyte); a client past this is
     * too slow and is closed (4001). The frames themselves are shared, so this bounds time behind, not memory per client.
     */
    @WithDefault("131072")
    int maxQueuedBytes();

    /** Connections one channel may have on this node; more are refused at the upgrade (503). */
    @WithDefault("2000")
    int maxConnectionsPerChannel();

    /**
     * Connections this node accepts in all; more are refused at the upgrade (503). Each holds about 19 KB of heap, so
     * the bound and the heap (application.properties, JVM section) go together.
     */
    @WithDefault("10000")
    int maxConnections();

    /** Messages kept per channel for clients that reconnect with {@code since}. */
    @WithDefault("500")
    int historySize();

    /** Messages kept in all (each about 200 bytes of heap besides its data): with the channel bound, what keeps history's heap flat. */
    @WithDefault("50000")
    int historyMaxMessages();

    /**
     * Bytes of the kept messages' data in all, held outside the heap and allocated at start: past it the oldest are
     * forgotten, however few. 16 MiB hold 50,000 rolls of about 300 bytes, or fewer larger ones.
     */
    @WithDefault("16777216")
    int historyMaxBytes();

    /** Channels whose history is kept; past it the least recently active channel's history is dropped. */
    @WithDefault("20000")
    int historyMaxChannels();

    /** How far back the history reaches, and how much of the topic a starting replica reads again to rebuild it. */
    @WithDefault("10m")
    Duration historyWindow();

    /**
     * How long a client that returns with a position this replica has not read up to yet (it comes from a replica
     * that is ahead, or this one is still reading its history back) waits for it, before it is told to resync.
     */
    @WithDefault("30s")
    Duration catchUpTimeout();
}
