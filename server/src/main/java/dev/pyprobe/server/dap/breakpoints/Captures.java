package dev.pyprobe.server.dap.breakpoints;

import dev.pyprobe.reader.python.NamedValue;
import dev.pyprobe.reader.python.PythonFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The breakpoint snapshots the client is shown, each as a stopped thread of its own. Their thread
 * ids come from a range of their own (from 2^30), far above the ids of real threads (which count
 * from 1), and are never reused. At most {@link #MAX_KEPT} are kept: the oldest goes first.
 */
public final class Captures {
    public static final int FIRST_THREAD_ID = 1 << 30;
    static final int MAX_KEPT = 20;

    /** A capture with the thread id and name it is shown under. */
    public record Shown(int threadId, String name, Capture capture) {
    }

    private final Map<Integer, Shown> kept = new LinkedHashMap<>();
    private int nextId = FIRST_THREAD_ID;

    public static boolean isCaptureThread(int threadId) {
        return threadId >= FIRST_THREAD_ID;
    }

    /** Whether {@code threadId} was given to a capture, kept or not. */
    public synchronized boolean gaveOut(int threadId) {
        return isCaptureThread(threadId) && threadId < nextId;
    }

    /** The outcome of keeping a capture: how it is shown, and the oldest one dropped to make room. */
    record Added(Shown shown, Optional<Shown> dropped) {
    }

    synchronized Added add(String name, Capture capture) {
        if (nextId == Integer.MAX_VALUE) {
            throw new IllegalStateException("capture thread ids exhausted");
        }
        Shown shown = new Shown(nextId++, name, capture);
        Shown dropped = null;
        if (kept.size() >= MAX_KEPT) {
            Integer oldest = kept.keySet().iterator().next();
            dropped = kept.remove(oldest);
        }
        kept.put(shown.threadId(), shown);
        return new Added(shown, Optional.ofNullable(dropped));
    }

    public synchronized Optional<Shown> get(int threadId) {
        return Optional.ofNullable(kept.get(threadId));
    }

    synchronized Optional<Shown> remove(int threadId) {
        return Optional.ofNullable(kept.remove(threadId));
    }

    public synchronized List<Shown> all() {
        return new ArrayList<>(kept.values());
    }

    /** The locals read at the hit, when {@code frame} is the hitting frame of a kept capture. */
    public synchronized Optional<List<NamedValue>> localsOf(PythonFrame frame) {
        for (Shown s : kept.values()) {
            if (s.capture().hitFrame() == frame) {
                return Optional.of(s.capture().hitLocals());
            }
        }
        return Optional.empty();
    }
}
