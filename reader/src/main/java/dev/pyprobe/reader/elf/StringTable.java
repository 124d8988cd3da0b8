package dev.pyprobe.reader.elf;

import java.nio.charset.StandardCharsets;

/** A string table section: NUL-terminated names addressed by byte offset. */
final class StringTable {
    private final byte[] data;
    private final String where;

    StringTable(byte[] data, String where) {
        this.data = data;
        this.where = where;
    }

    String at(long offset) {
        int start = checkedStart(offset);
        int end = start;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        if (end == data.length) {
            throw new ElfFormatException(where + ": string at offset " + offset + " is not NUL-terminated");
        }
        return new String(data, start, end - start, StandardCharsets.UTF_8);
    }

    /** Compares without decoding: {@code name} must be the whole string at {@code offset}. */
    boolean equalsAt(long offset, byte[] name) {
        if (offset < 0 || offset >= data.length || data.length - offset <= name.length) {
            return false;
        }
        int start = (int) offset;
        if (data[start + name.length] != 0) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (data[start + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private int checkedStart(long offset) {
        if (offset < 0 || offset >= data.length) {
            throw new ElfFormatException(where + ": string offset " + offset + " is outside the table of "
                    + data.length + " bytes");
        }
        return (int) offset;
    }
}
