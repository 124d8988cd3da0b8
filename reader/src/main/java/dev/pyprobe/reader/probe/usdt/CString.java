package dev.pyprobe.reader.probe.usdt;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.RemoteMemory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A NUL-terminated UTF-8 string in the target's memory, read in page-bounded chunks. */
public final class CString {
    private static final int CHUNK = 256;
    private static final int PAGE = 4096;

    private CString() {
    }

    /**
     * Reads the string at {@code address}, at most {@code maxBytes} bytes (a longer one is cut
     * there). Chunks never cross a page boundary, so a string at the end of a mapping is read
     * without touching the unmapped page after it.
     */
    public static String read(RemoteMemory memory, long address, int maxBytes) {
        if (address == 0) {
            throw new MemoryReadException(0, 1, "NULL string pointer");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long at = address;
        while (out.size() < maxBytes) {
            int toPageEnd = (int) (PAGE - (at & (PAGE - 1)));
            int n = Math.min(Math.min(CHUNK, toPageEnd), maxBytes - out.size());
            byte[] chunk = memory.read(at, n);
            for (int i = 0; i < n; i++) {
                if (chunk[i] == 0) {
                    out.write(chunk, 0, i);
                    return out.toString(StandardCharsets.UTF_8);
                }
            }
            out.write(chunk, 0, n);
            at += n;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
