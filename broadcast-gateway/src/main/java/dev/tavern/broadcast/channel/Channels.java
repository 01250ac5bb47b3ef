package dev.tavern.broadcast.channel;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.tavern.broadcast.intake.DiceRoll;

/** Channel names and who gets which roll. */
public final class Channels {

    private Channels() {
    }

    private static final String CAMPAIGN = "campaign/";

    public static String campaign(UUID campaignId) {
        return CAMPAIGN + campaignId + "/dice-rolls";
    }

    /** Whether the channel is a campaign's (the game master's view); otherwise it is a streamer's. */
    public static boolean isCampaign(String channel) {
        return channel.startsWith(CAMPAIGN);
    }

    public static String streamer(UUID streamerId) {
        return "streamer/" + streamerId + "/dice-rolls";
    }

    /**
     * The campaign channel (the game master's view) gets every roll. Streamer channels never
     * get a hidden roll; a visible roll goes to the rolling character's streamers, and a
     * visible critical to every streamer of the campaign.
     */
    public static Set<String> of(DiceRoll roll) {
        Set<String> channels = new LinkedHashSet<>();
        channels.add(campaign(roll.campaignId()));
        if (!roll.isHidden()) {
            List<UUID> streamers = roll.isCritical() ? roll.campaignStreamerIds() : roll.characterStreamerIds();
            if (streamers != null) {
                streamers.forEach(streamer -> channels.add(streamer(streamer)));
            }
        }
        return channels;
    }
}
