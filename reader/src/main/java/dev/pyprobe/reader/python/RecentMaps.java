package dev.pyprobe.reader.python;

import dev.pyprobe.reader.proc.MemoryMap;
import dev.pyprobe.reader.proc.TargetProcess;

/**
 * The target's memory map, read again at most once a second. Parsing /proc/PID/maps costs more
 * than reading a whole stack; the map only guides how much to read at once, and a stale map just
 * costs one smaller read, so a slightly old one is fine.
 */
final class RecentMaps {
    private static final long MAX_AGE_NANOS = 1_000_000_000L;

    private final TargetProcess process;
    private MemoryMap maps;
    private long readAt;

    RecentMaps(TargetProcess process) {
        this.process = process;
    }

    synchronized MemoryMap get() {
        long now = System.nanoTime();
        if (maps == null || now - readAt > MAX_AGE_NANOS) {
            maps = process.maps();
            readAt = now;
        }
        return maps;
    }
}
