package dev.tavern.broadcast.channel;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A server-to-client WebSocket text frame (RFC 6455 §5.2: final, unmasked), encoded once: every connection it is
 * written to gets a duplicate of the same bytes, so a message to 2,000 clients is encoded and held in memory once.
 */
final class TextFrame {

    private static final int FINAL_TEXT = 0x81;

    private TextFrame() {
    }

    /** The whole frame, header and payload; the caller releases it once every write has taken its duplicate. */
    static ByteBuf of(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        return header(payload.length).writeBytes(payload);
    }

    /**
     * A frame whose text is {@code head}, then {@code body} (UTF-8 already), then {@code tail}: a JSON object around
     * one rendered once for many frames. {@code head} and {@code tail} must be ASCII.
     */
    static ByteBuf of(String head, byte[] body, String tail) {
        ByteBuf frame = header(head.length() + body.length + tail.length());
        frame.writeCharSequence(head, StandardCharsets.US_ASCII);
        frame.writeBytes(body);
        frame.writeCharSequence(tail, StandardCharsets.US_ASCII);
        return frame;
    }

    private static ByteBuf header(int payloadLength) {
        ByteBuf frame = Unpooled.directBuffer(payloadLength + 10);
        frame.writeByte(FINAL_TEXT);
        if (payloadLength < 126) {
            frame.writeByte(payloadLength);
        } else if (payloadLength <= 0xFFFF) {
            frame.writeByte(126).writeShort(payloadLength);
        } else {
            frame.writeByte(127).writeLong(payloadLength);
        }
        return frame;
    }
}
