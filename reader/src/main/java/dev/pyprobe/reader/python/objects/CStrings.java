package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.RemoteMemory;
import java.nio.charset.StandardCharsets;

/** NUL-terminated C strings of the target (type names are the ones the reader needs). */
final class CStrings {
    private static final int PAGE = 4096;

    private CStrings() {
    }

    /** A C string of at most {@code max} bytes. */
    static String read(RemoteMemory memory, long address, int max) {
        byte[] raw = readUpTo(memory, address, max);
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * Reads {@code max} bytes, or up to the end of the page when the range runs into unmapped
     * memory: a short string can sit at the very end of a mapping.
     */
    private static byte[] readUpTo(RemoteMemory memory, long address, int max) {
        try {
            return memory.read(address, max);
        } catch (MemoryReadException e) {
            int toPageEnd = (int) (PAGE - (address & (PAGE - 1)));
            return memory.read(address, Math.min(max, toPageEnd));
        }
    }
}
