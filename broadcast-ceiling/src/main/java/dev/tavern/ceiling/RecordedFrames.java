package dev.tavern.ceiling;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.NonBlocking;

/**
 * Records of ingest-ceiling's frames topic, each {@code channel,channel\nframe} as the harness posted it there: the frame goes
 * to every connection of those channels, a poll's records at a time on the connector's event loop, as broadcast-gateway
 * reads rolls.
 */
@ApplicationScoped
public class RecordedFrames {

    private final Subscribers subscribers;

    RecordedFrames(Subscribers subscribers) {
        this.subscribers = subscribers;
    }

    @Incoming("recorded")
    @NonBlocking
    public void send(List<String> records) {
        for (String record : records) {
            int end = record.indexOf('\n');
            String frame = record.substring(end + 1);
            for (String channel : record.substring(0, end).split(",")) {
                subscribers.send(channel, frame);
            }
        }
    }
}
