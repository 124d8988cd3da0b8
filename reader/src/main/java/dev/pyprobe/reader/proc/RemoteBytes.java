package dev.pyprobe.reader.proc;

import dev.pyprobe.reader.MemoryReadException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A copy of a range of the target's memory, with little-endian field access by offset relative
 * to the start of the range. Reading a struct once and picking its fields here is how the reader
 * keeps system calls down.
 */
public final class RemoteBytes {
    private final long address;
    private final ByteBuffer buffer;

    public RemoteBytes(long address, byte[] data) {
        this.address = address;
        this.buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    public long address() {
        return address;
    }

    public int length() {
        return buffer.capacity();
    }

    public byte[] array() {
        return buffer.array();
    }

    public boolean covers(long addr, int length) {
        return addr >= address && addr - address + length <= buffer.capacity() && length >= 0;
    }

    public long i64(int offset) {
        check(offset, 8);
        return buffer.getLong(offset);
    }

    public int i32(int offset) {
        check(offset, 4);
        return buffer.getInt(offset);
    }

    public long u32(int offset) {
        return Integer.toUnsignedLong(i32(offset));
    }

    public int u16(int offset) {
        check(offset, 2);
        return Short.toUnsignedInt(buffer.getShort(offset));
    }

    public int u8(int offset) {
        check(offset, 1);
        return Byte.toUnsignedInt(buffer.get(offset));
    }

    public byte i8(int offset) {
        check(offset, 1);
        return buffer.get(offset);
    }

    public double f64(int offset) {
        check(offset, 8);
        return buffer.getDouble(offset);
    }

    public byte[] slice(int offset, int length) {
        check(offset, length);
        byte[] out = new byte[length];
        System.arraycopy(buffer.array(), offset, out, 0, length);
        return out;
    }

    /** NUL-terminated text starting at {@code offset}, or up to the end of the copy. */
    public String cString(int offset) {
        check(offset, 0);
        byte[] a = buffer.array();
        int end = offset;
        while (end < a.length && a[end] != 0) {
            end++;
        }
        return new String(a, offset, end - offset, StandardCharsets.UTF_8);
    }

    private void check(int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buffer.capacity()) {
            throw new MemoryReadException(address + offset, length,
                    "outside the " + buffer.capacity() + "-byte copy read at 0x" + Long.toHexString(address));
        }
    }
}
