package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.MemoryReadException;

/**
 * The header every object starts with, the same in every version this reader knows (x86_64, GIL
 * builds): {@code ob_refcnt}, {@code ob_type}, and for variable-size objects {@code ob_size}. Also
 * the bound every count read from the target must pass before it sizes a read.
 */
final class ObjectHeader {
    static final int OB_TYPE = 8;
    static final int OB_SIZE = 16;
    /** Larger than any real container we would walk entry by entry. */
    static final long MAX_SLOTS = 1L << 26;

    private ObjectHeader() {
    }

    /** {@code n} as a container size, or a failure when garbage claims an implausible one. */
    static long boundedSize(long n, long address) {
        if (n < 0 || n > MAX_SLOTS) {
            throw new MemoryReadException(address, 0, "implausible container size " + n);
        }
        return n;
    }
}
