package dev.pyprobe.reader.python.attach;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.layout.Layout;
import java.util.Map;
import java.util.Optional;

/**
 * Whether an older version's positions in {@code _Py_DebugOffsets} fit a newer target's struct.
 * CPython inserts members into that struct in most versions (3.14 and 3.15 did), and values read
 * at the wrong positions would send every read astray, so a borrowed layout is used only when
 * (1) every member offset lies inside the size of its struct that the same positions give (thread
 * state, frame, code object), and (2) the thread states of the first interpreter point back to it
 * and carry plausible kernel thread ids, at least one of them set.
 */
final class DebugOffsetsFit {
    /** Far above any offset or struct size CPython has had (PyInterpreterState's members reach ~8 KiB). */
    private static final long MAX_OFFSET = 1 << 20;
    /** The kernel's PID_MAX_LIMIT: no thread id is larger. */
    private static final long MAX_THREAD_ID = 1 << 22;
    private static final int MAX_THREADS_CHECKED = 64;
    private static final String SIZE = "size";

    private DebugOffsetsFit() {
    }

    /** Why the positions do not fit, or empty when they do. */
    static Optional<String> misfit(Map<String, Long> positions, RemoteBytes offsets, Layout layout, long runtime,
                                   RemoteMemory memory) {
        return outsideItsStruct(positions, offsets).or(() -> unlinkedThread(layout, runtime, memory));
    }

    private static Optional<String> outsideItsStruct(Map<String, Long> positions, RemoteBytes offsets) {
        for (Map.Entry<String, Long> e : positions.entrySet()) {
            long value = offsets.i64(e.getValue().intValue());
            String group = e.getKey().substring(0, e.getKey().indexOf('.'));
            Long sizePosition = positions.get(group + "." + SIZE);
            long limit = sizePosition == null || e.getKey().endsWith("." + SIZE) ? MAX_OFFSET
                    : offsets.i64(sizePosition.intValue());
            if (value < 0 || value >= limit) {
                return Optional.of(String.format("%s would be %d (at position %d), outside %s", e.getKey(), value,
                        e.getValue(), limit == MAX_OFFSET ? "any plausible offset" : "the " + limit + " bytes of its struct"));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> unlinkedThread(Layout layout, long runtime, RemoteMemory memory) {
        try {
            long interp = memory.readLong(runtime + layout.anchor().interpretersHead());
            long tstate = interp == 0 ? 0 : memory.readLong(interp + layout.interp().threadsHead());
            boolean bound = false;
            for (int i = 0; tstate != 0 && i < MAX_THREADS_CHECKED; i++) {
                if (memory.readLong(tstate + layout.thread().interp()) != interp) {
                    return Optional.of("a thread state does not point back to its interpreter where they say");
                }
                // 0 until the thread that owns the state starts running.
                long threadId = memory.readLong(tstate + layout.thread().nativeThreadId());
                if (threadId < 0 || threadId > MAX_THREAD_ID) {
                    return Optional.of("a thread state's kernel thread id would be " + threadId);
                }
                bound |= threadId != 0;
                tstate = memory.readLong(tstate + layout.thread().next());
            }
            return bound ? Optional.empty() : Optional.of("the first interpreter has no running thread where they say");
        } catch (MemoryReadException e) {
            return Optional.of("following them reads unmapped memory (" + e.getMessage() + ")");
        }
    }
}
