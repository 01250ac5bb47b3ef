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

    RateLimit rateLimit();

    /** Per client address and node: enough for people, too little for scripts filling the site. */
    interface RateLimit {

        @WithDefault("20")
        int createsPerMinute();

        @WithDefault("120")
        int votesPerMinute();
    }
}
