package dev.tavern.broadcast.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.tavern.broadcast.GatewayConfig;

/** History stays within its bounds however many channels come and go, and says when it can no longer answer. */
class ChannelHistoryTest {

    private static final Instant START = Instant.parse("2026-12-01T20:00:00Z");

    private final ChannelHistory history = new ChannelHistory(new Bounds(3, 1_000, 100, Duration.ofMinutes(10)));
    private final long[] read = {-1, -1};

    ChannelHistoryTest() {
        history.readingFrom(0, 0);
        history.readingFrom(1, 0);
    }

    @Test
    void manyShortLivedCampaignsKeepAtMostTheChannelBoundAndNothingOnceTheWindowHasPassed() {
        for (int i = 0; i < 5_000; i++) {
            String campaign = Channels.campaign(UUID.randomUUID());
            keep(i % 2, START.plusMillis(i), campaign, "streamer/" + UUID.randomUUID() + "/dice-rolls");
            assertThat(history.channelsKept()).isLessThanOrEqualTo(100);
            assertThat(history.messagesKept()).isLessThanOrEqualTo(1_000);
        }

        history.forgetOlderThan(START.plus(Duration.ofMinutes(11)));

        assertThat(history.channelsKept()).isZero();
        assertThat(history.messagesKept()).isZero();
    }

    @Test
    void aPositionBeforeWhatAChannelDroppedAsksForAResyncAndOneAfterGetsTheRest() {
        String channel = Channels.campaign(UUID.randomUUID());
        ChannelPosition start = ChannelPosition.of(read);
        for (int i = 0; i < 5; i++) {
            keep(0, START, channel);
        }
        // Three kept: offsets 2, 3 and 4 of partition 0.
        assertThat(history.after(channel, start)).isEmpty();
        assertThat(history.after(channel, position(1, -1)).orElseThrow()).extracting(ChannelHistory.Message::offset)
                .containsExactly(2L, 3L, 4L);
        assertThat(history.after(channel, position(3, -1)).orElseThrow()).extracting(ChannelHistory.Message::offset)
                .containsExactly(4L);
    }

    @Test
    void aChannelDroppedForTheChannelBoundCannotAnswerPositionsFromBeforeIt() {
        String dropped = Channels.campaign(UUID.randomUUID());
        ChannelPosition before = ChannelPosition.of(read);
        keep(1, START, dropped);
        for (int i = 0; i < 100; i++) {
            keep(0, START, Channels.campaign(UUID.randomUUID()));
        }

        assertThat(history.after(dropped, before)).isEmpty();
        // A channel new since then may have been among the dropped ones too: the same floor holds.
        assertThat(history.after(Channels.campaign(UUID.randomUUID()), before)).isEmpty();
        assertThat(history.after(dropped, ChannelPosition.of(read)).orElseThrow()).isEmpty();
    }

    @Test
    void theChannelBoundDropsTheChannelQuietLongestNotOneThatWasJustRolledIn() {
        ChannelHistory small = new ChannelHistory(new Bounds(500, 3, 2, Duration.ofMinutes(10)));
        small.readingFrom(0, 0);
        String quiet = Channels.campaign(UUID.randomUUID());
        String busy = Channels.campaign(UUID.randomUUID());
        long[] offsets = {-1};
        keep(small, offsets, quiet);
        keep(small, offsets, quiet);
        ChannelPosition beforeBusy = ChannelPosition.of(offsets);
        keep(small, offsets, busy);
        // Over the total bound: the quiet channel's oldest message goes, which is no activity of the quiet channel.
        keep(small, offsets, busy);
        // Over the channel bound: the quiet channel goes.
        keep(small, offsets, Channels.campaign(UUID.randomUUID()));

        assertThat(small.after(busy, beforeBusy).orElseThrow()).extracting(ChannelHistory.Message::offset).containsExactly(2L, 3L);
        assertThat(small.after(quiet, position(0))).isEmpty();
    }

    @Test
    void theByteBoundForgetsTheOldestMessagesAndGivesTheOthersBackIntactAcrossTheRingsEnd() {
        ChannelHistory small = ofHundredBytes();
        String channel = Channels.campaign(UUID.randomUUID());
        long[] offsets = {-1};
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // 23 to 69 bytes each, in two- and three-byte characters: the ring's end splits some of them.
            String data = "{\"characterName\":\"" + "Гимли ドワーフ".repeat(i % 3) + i + "\"}";
            sent.add(data);
            keep(small, offsets, channel, data);
            assertThat(small.bytesKept()).isLessThanOrEqualTo(100);
        }

        int first = sent.size();
        for (int bytes = 0; bytes + utf8(sent.get(first - 1)) <= 100; first--) {
            bytes += utf8(sent.get(first - 1));
        }
        assertThat(small.after(channel, position(first - 1)).orElseThrow()).extracting(ChannelHistoryTest::text)
                .containsExactlyElementsOf(sent.subList(first, sent.size()));
        assertThat(small.after(channel, position(first - 2))).isEmpty();
    }

    @Test
    void aMessageLargerThanTheByteBoundIsNotKeptAndNoPositionBeforeItCanBeAnswered() {
        ChannelHistory small = ofHundredBytes();
        String channel = Channels.campaign(UUID.randomUUID());
        long[] offsets = {-1};
        keep(small, offsets, channel, "{\"n\":1}");
        keep(small, offsets, channel, "{\"n\":\"" + "ж".repeat(60) + "\"}");
        keep(small, offsets, channel, "{\"n\":3}");

        assertThat(small.after(channel, position(0))).isEmpty();
        assertThat(small.after(channel, position(1)).orElseThrow()).extracting(ChannelHistoryTest::text).containsExactly("{\"n\":3}");
        assertThat(small.bytesKept()).isEqualTo(7);
    }

    private static ChannelHistory ofHundredBytes() {
        ChannelHistory history = new ChannelHistory(new Bounds(500, 1_000, 100, Duration.ofMinutes(10), 100));
        history.readingFrom(0, 0);
        return history;
    }

    private static String text(ChannelHistory.Message message) {
        return new String(message.data(), StandardCharsets.UTF_8);
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void keep(ChannelHistory history, long[] offsets, String channel, String data) {
        offsets[0]++;
        history.keep(new ChannelHistory.Message(0, offsets[0], START, new String[] {channel}, "dice:roll",
                ChannelPosition.of(offsets), data.getBytes(StandardCharsets.UTF_8)), START);
    }

    private static void keep(ChannelHistory history, long[] offsets, String channel) {
        keep(history, offsets, 0, START, channel);
    }

    private void keep(int partition, Instant recordedAt, String... channels) {
        keep(history, read, partition, recordedAt, channels);
    }

    private static void keep(ChannelHistory history, long[] read, int partition, Instant recordedAt, String... channels) {
        read[partition]++;
        history.keep(new ChannelHistory.Message(partition, read[partition], recordedAt, channels, "dice:roll",
                ChannelPosition.of(read), "{}".getBytes(StandardCharsets.UTF_8)), recordedAt);
    }

    private static ChannelPosition position(long... offsets) {
        return ChannelPosition.of(offsets);
    }

    private record Bounds(int historySize, int historyMaxMessages, int historyMaxChannels, Duration historyWindow, int historyMaxBytes)
            implements GatewayConfig {

        Bounds(int historySize, int historyMaxMessages, int historyMaxChannels, Duration historyWindow) {
            this(historySize, historyMaxMessages, historyMaxChannels, historyWindow, 1 << 20);
        }

        @Override
        public int maxQueuedBytes() {
            return 131072;
        }

        @Override
        public int maxConnectionsPerChannel() {
            return 2000;
        }

        @Override
        public int maxConnections() {
            return 10000;
        }

        @Override
        public Duration catchUpTimeout() {
            return Duration.ofSeconds(30);
        }
    }
}
