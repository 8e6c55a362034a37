package io.cognitivecdc.cdc;

import java.nio.ByteBuffer;

/**
 * Copies Avro {@code bytes} values, which arrive as {@link ByteBuffer}s (in change events, in the enrichment state's
 * raw values, out of {@code toByteBuffer()}), into arrays.
 */
public final class ByteBuffers {

    private ByteBuffers() {
    }

    /**
     * The bytes between the buffer's position and its limit, copied; the buffer's position is left as it was, since
     * Avro reuses buffers and a later reader of the same value expects it unread.
     */
    public static byte[] toByteArray(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
