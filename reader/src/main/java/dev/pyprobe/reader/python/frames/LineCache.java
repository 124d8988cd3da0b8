package dev.pyprobe.reader.python.frames;

import dev.pyprobe.reader.python.code.CodeObject;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Lines of recently decoded (code object, instruction offset) pairs. Finding an instruction's line
 * walks the code's line table from its start; a profiler asks the same few pairs at every sample
 * (callers wait at the same call instructions), so it pays the walk once. A fixed number of
 * slots, each holding the last pair that hashed there: no growth, no eviction policy to tune.
 */
final class LineCache {
    private static final int SLOTS = 4096;

    /** The code object itself, not its address: a new code object at a freed one's address misses. */
    private record Entry(CodeObject code, int offset, int line) {
    }

    private final AtomicReferenceArray<Entry> entries = new AtomicReferenceArray<>(SLOTS);

    int lineAt(CodeObject code, int offset) {
        int slot = (int) ((code.address() * 0x9E3779B97F4A7C15L + offset * 0xC2B2AE3D27D4EB4FL) >>> 52) & (SLOTS - 1);
        Entry e = entries.get(slot);
        if (e != null && e.code() == code && e.offset() == offset) {
            return e.line();
        }
        int line = code.lineAt(offset);
        entries.set(slot, new Entry(code, offset, line));
        return line;
    }
}
