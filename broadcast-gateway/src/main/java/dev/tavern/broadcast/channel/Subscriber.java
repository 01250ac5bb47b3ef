package dev.tavern.broadcast.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * One open connection as the fan-out writes to it: pre-encoded frames ({@link TextFrame}) go straight to its socket on
 * its own event loop, in the order they were handed over. websockets-next's {@code sendText} would encode the text
 * again for every connection and chain a promise per write; at 10,000 connections that, not the network, is the cost.
 * <p>
 * A client is too slow when more than {@code max-queued-bytes} wait in its socket's outbound buffer: the socket then
 * stops being writable (its high water mark), and the next frame closes the connection with 4001 instead.
 */
final class Subscriber {

    /** The connection's socket, taken at the upgrade: the WebSocket keeps the HTTP connection's channel. */
    static final UserData.TypedKey<Channel> SOCKET = new UserData.TypedKey<>("tavern.broadcast.socket");

    private final WebSocketConnection connection;
    private final String channel;
    private final Channel socket;
    /** Only touched on the socket's event loop. */
    private boolean closing;
    /** Frames written since the last flush; only touched on the socket's event loop. */
    private boolean unflushed;

    Subscriber(WebSocketConnection connection, String channel, int maxQueuedBytes) {
        this.connection = connection;
        this.channel = channel;
        this.socket = connection.userData().get(SOCKET);
        socket.config().setWriteBufferWaterMark(new WriteBufferWaterMark(maxQueuedBytes / 2, maxQueuedBytes));
    }

    WebSocketConnection connection() {
        return connection;
    }

    String channel() {
        return channel;
    }

    EventLoop loop() {
        return socket.eventLoop();
    }

    /** What became of a frame handed to {@link #write}. */
    enum Outcome { QUEUED, TOO_SLOW, GONE }

    /** Writes the frame from any thread, after every frame handed over before it; the caller keeps its reference. */
    void send(ByteBuf frame) {
        ByteBuf mine = frame.retainedDuplicate();
        loop().execute(() -> {
            try {
                write(mine);
                flushWritten();
            } finally {
                mine.release();
            }
        });
    }

    /**
     * On the event loop: queues the frame ({@link #flushWritten} then), or closes a client that has too much queued
     * already.
     */
    Outcome write(ByteBuf frame) {
        if (closing || !socket.isActive()) {
            return Outcome.GONE;
        }
        if (!socket.isWritable()) {
            // What waits may be this task's own frames, not handed to the socket yet: only what stays after is too much.
            flushWritten();
        }
        if (!socket.isWritable()) {
            closing = true;
            connection.close(new CloseReason(Broadcaster.TOO_SLOW, "Too slow: messages were piling up"))
                    .subscribe().with(closed -> { }, failure -> { });
            return Outcome.TOO_SLOW;
        }
        // A promise nobody listens to: a client gone mid-write is not an error worth a line.
        socket.write(frame.retainedDuplicate(), socket.newPromise());
        unflushed = true;
        return Outcome.QUEUED;
    }

    /** On the event loop: flushes what {@link #write} queued since the last flush, if anything. */
    void flushWritten() {
        if (unflushed) {
            unflushed = false;
            socket.flush();
        }
    }
}
