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
        ByteBuf frame = Unpooled.directBuffer(payload.length + 10);
        frame.writeByte(FINAL_TEXT);
        if (payload.length < 126) {
            frame.writeByte(payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.writeByte(126).writeShort(payload.length);
        } else {
            frame.writeByte(127).writeLong(payload.length);
        }
        return frame.writeBytes(payload);
    }
}
