package dev.pyprobe.reader.python.threads;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.RemoteMemory;
import java.util.Set;

/**
 * Kernel TIDs for versions whose thread state does not store one (up to 3.10). On x86_64 glibc a
 * pthread_t is the address of the thread's {@code struct pthread}, whose {@code tid} field sits at
 * a fixed offset. The offset is glibc's, not Python's, so every answer is checked against the
 * process's real task list and dropped (0) when it does not match.
 */
public final class NativeThreadIds {
    /** {@code offsetof(struct pthread, tid)} in glibc 2.28-2.36 on x86_64. */
    private static final int GLIBC_PTHREAD_TID = 0x2d0;

    private final RemoteMemory memory;

    public NativeThreadIds(RemoteMemory memory) {
        this.memory = memory;
    }

    /** The id the thread sees itself by, if it is one of {@code ownIds}; else 0. */
    public int tidOf(long pthread, Set<Integer> ownIds) {
        try {
            int tid = memory.bytesAt(pthread + GLIBC_PTHREAD_TID, 4).i32(0);
            return ownIds.contains(tid) ? tid : 0;
        } catch (MemoryReadException e) {
            return 0;
        }
    }
}
