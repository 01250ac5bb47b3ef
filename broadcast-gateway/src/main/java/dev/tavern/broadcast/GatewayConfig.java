package dev.tavern.broadcast;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tavern.broadcast")
public interface GatewayConfig {

    /** Messages sent to one connection and not yet written out; a client past this is too slow and is closed (4001). */
    @WithDefault("256")
    int maxQueuedMessages();

    /** Connections one channel may have on this node; more are refused at the upgrade (503). */
    @WithDefault("2000")
    int maxConnectionsPerChannel();

    /** Connections this node accepts in all; more are refused at the upgrade (503). */
    @WithDefault("20000")
    int maxConnections();

    /** Messages kept per channel for clients that reconnect with {@code since}. */
    @WithDefault("500")
    int historySize();

    /** How far back the history reaches, and how much of the topic a starting replica reads again to rebuild it. */
    @WithDefault("10m")
    java.time.Duration historyWindow();
}
