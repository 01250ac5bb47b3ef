package dev.tavern.scheduler;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tavern.scheduler")
public interface SchedulerConfig {

    /** Base of the links Tavern hands out (voting pages, webhook payloads) for the default tenant. */
    String publicBaseUrl();

    /** The tenant serving hosts no other tenant claims; a self-hosted install has only this one. */
    @WithDefault("default")
    String defaultTenant();
}
