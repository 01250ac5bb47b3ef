package dev.tavern.load.scenario;

/**
 * Who listens where: campaigns with a channel each, optionally streamers with a channel each (one character of the
 * campaign assigned to each), and how many clients subscribe to each channel. A message for campaign {@code c} and
 * character {@code k} reaches the campaign's channel and, with streamers, streamer {@code k}'s channel.
 */
record Layout(int campaigns, int streamersPerCampaign, int campaignClients, int streamerClients) {

    int clients() {
        return campaigns * (campaignClients + streamersPerCampaign * streamerClients);
    }

    /** Frames one message becomes: every client of the campaign's channel and of one streamer's. */
    int framesPerMessage() {
        return campaignClients + (streamersPerCampaign > 0 ? streamerClients : 0);
    }

    /** Characters rolled in turn per campaign: one per streamer, or one when nobody streams. */
    int characters() {
        return Math.max(1, streamersPerCampaign);
    }

    /** Messages go round robin over campaigns, then characters. */
    int campaignOf(long index) {
        return (int) (index % campaigns);
    }

    int characterOf(long index) {
        return (int) (index / campaigns % characters());
    }
}
