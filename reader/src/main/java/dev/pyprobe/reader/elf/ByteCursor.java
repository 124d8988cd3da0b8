package dev.pyprobe.reader.elf;

import java.nio.charset.StandardCharsets;

/**
 * Reads fields one after another from a part of a byte array, as DWARF's call frame records lay
 * them out (fixed-size little-endian and LEB128 numbers, NUL-terminated strings). Every read is
 * checked against the part's end: a record that claims more than it holds is a format error.
 */
final class ByteCursor {
    private final byte[] bytes;
    private final int end;
    private final String where;
    private int position;

    ByteCursor(byte[] bytes, int start, int end, String where) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
        this.where = where;
    }

    int position() {
        return position;
    }

    boolean atEnd() {
        return position >= end;
    }

    void skipTo(int at) {
        if (at < position || at > end) {
            throw error("cannot move to offset " + at);
        }
        position = at;
    }

    int u8() {
        need(1);
        return LittleEndian.u8(bytes, position++);
    }

    int u16() {
        need(2);
        int v = LittleEndian.u16(bytes, position);
        position += 2;
        return v;
    }

    long u32() {
        need(4);
        long v = LittleEndian.u32(bytes, position);
        position += 4;
        return v;
    }

    long u64() {
        need(8);
        long v = LittleEndian.u64(bytes, position);
        position += 8;
        return v;
    }

    long uleb128() {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            if (shift < 64) {
                value |= (long) (b & 0x7f) << shift;
            }
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    long sleb128() {
        long value = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            if (shift < 64) {
                value |= (long) (b & 0x7f) << shift;
            }
            shift += 7;
        } while ((b & 0x80) != 0);
        return shift < 64 && (b & 0x40) != 0 ? value | -1L << shift : value;
    }

    String cString() {
        int start = position;
        while (position < end && bytes[position] != 0) {
            position++;
        }
        if (position == end) {
            throw error("string at offset " + start + " is not NUL-terminated");
        }
        return new String(bytes, start, position++ - start, StandardCharsets.UTF_8);
    }

    private void need(int n) {
        if (end - position < n) {
            throw error("record ends before a field of " + n + " bytes at offset " + position);
        }
    }

    ElfFormatException error(String message) {
        return new ElfFormatException(where + ": " + message);
    }
}
