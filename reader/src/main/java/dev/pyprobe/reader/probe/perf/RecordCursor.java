package dev.pyprobe.reader.probe.perf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads little-endian fields of one ring record that has been copied out of the ring. */
final class RecordCursor {
    private final ByteBuffer buffer;

    RecordCursor(byte[] record, int start) {
        this.buffer = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(start);
    }

    long u64() {
        need(8);
        return buffer.getLong();
    }

    int u32() {
        need(4);
        return buffer.getInt();
    }

    byte[] bytes(int n) {
        need(n);
        byte[] out = new byte[n];
        buffer.get(out);
        return out;
    }

    private void need(int n) {
        if (n < 0 || buffer.remaining() < n) {
            throw new IllegalStateException("perf record truncated: need " + n + " bytes, " + buffer.remaining() + " left");
        }
    }
}
