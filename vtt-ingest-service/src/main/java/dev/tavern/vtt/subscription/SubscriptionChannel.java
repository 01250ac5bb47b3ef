package dev.tavern.vtt.subscription;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tavern.http.errors.ApiException;
import dev.tavern.vtt.IngestConfig;

/** A channel a token can open: {@code campaign/{id}/dice-rolls} or {@code streamer/{id}/dice-rolls}. */
record SubscriptionChannel(String name, boolean campaign, UUID id) {

    private static final Pattern CHANNEL = Pattern.compile("(campaign|streamer)/([0-9a-f-]{36})/dice-rolls");

    /** Fails with 400 naming {@code channel} for anything else. */
    static SubscriptionChannel parse(String name) {
        Matcher channel = name == null ? null : CHANNEL.matcher(name);
        if (channel == null || !channel.matches()) {
            throw ApiException.invalid("channel", "Must be campaign/{id}/dice-rolls or streamer/{id}/dice-rolls");
        }
        try {
            return new SubscriptionChannel(name, channel.group(1).equals("campaign"), UUID.fromString(channel.group(2)));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("channel", "Has no valid id");
        }
    }

    /** The lifetime asked for, or this kind's default; past this kind's maximum is a 400 naming {@code ttlSeconds}. */
    Duration lifetime(Long ttlSeconds, IngestConfig.Subscription config) {
        Duration max = maxLifetime(config);
        if (ttlSeconds == null) {
            return campaign ? config.campaignDefaultLifetime() : config.streamerDefaultLifetime();
        }
        if (ttlSeconds > max.toSeconds()) {
            throw ApiException.invalid("ttlSeconds", "At most " + max.toSeconds() + " for a " + (campaign ? "campaign" : "streamer")
                    + " channel");
        }
        return Duration.ofSeconds(ttlSeconds);
    }

    Duration maxLifetime(IngestConfig.Subscription config) {
        return campaign ? config.campaignMaxLifetime() : config.streamerMaxLifetime();
    }
}
