package dev.tavern.vtt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tavern.ingest")
public interface IngestConfig {

    /** The tenant owning what the operator API creates until tenants are managed. */
    @WithDefault("default")
    String defaultTenant();
}
