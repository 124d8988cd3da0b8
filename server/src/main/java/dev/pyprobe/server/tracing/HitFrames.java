package dev.pyprobe.server.tracing;

import dev.pyprobe.reader.ProcessExitedException;
import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.PythonTarget;
import dev.pyprobe.reader.python.PythonThread;
import dev.pyprobe.reader.python.ThreadStack;
import dev.pyprobe.server.evaluate.FrameEvaluator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the innermost frame of the thread that hit a tracepoint, soon after the hit, and checks
 * that it is still the traced code (same code object). A hit delivered late (the tracer holds some
 * back until it knows they are calls) is not read at all: by then the thread may be in another call
 * of the same function, whose values would be shown as this hit's. Python threads are looked up by
 * kernel TID in a cache that is read again when a TID is not in it.
 */
public final class HitFrames {
    /**
     * Hits older than this are not read. Hits normally arrive within the tracer's 20 ms poll
     * interval; the hit times are CLOCK_MONOTONIC, the clock of System.nanoTime on Linux.
     */
    static final long MAX_AGE_NANOS = 100_000_000L;

    private final PythonTarget target;
    private final Map<Integer, PythonThread> threadsByTid = new ConcurrentHashMap<>();

    public HitFrames(PythonTarget target) {
        this.target = target;
    }

    public HitFrame read(int tid, long hitTimeNanos, Set<Long> tracedCode) {
        long age = System.nanoTime() - hitTimeNanos;
        if (age > MAX_AGE_NANOS) {
            return HitFrame.gone("the hit was delivered " + age / 1_000_000 + " ms after it happened, too late to "
                    + "read its own frame");
        }
        try {
            PythonThread thread = thread(tid);
            if (thread == null) {
                return HitFrame.gone("thread " + tid + " is not a Python thread of the process (any more)");
            }
            ThreadStack stack = target.stack(thread, 1);
            if (stack.frames().isEmpty()) {
                return HitFrame.gone("thread " + tid + " has no Python frame any more");
            }
            PythonFrame innermost = stack.frames().get(0);
            if (!tracedCode.contains(innermost.codeAddress())) {
                return HitFrame.gone("the traced code had returned when its frame was read (thread " + tid
                        + " was in " + innermost.function() + ")");
            }
            return HitFrame.of(FrameEvaluator.of(target, innermost));
        } catch (ProcessExitedException e) {
            throw e;
        } catch (ReaderException e) {
            threadsByTid.remove(tid);
            return HitFrame.gone("the frame changed while it was read: " + e.getMessage());
        }
    }

    private PythonThread thread(int tid) {
        PythonThread known = threadsByTid.get(tid);
        if (known != null) {
            return known;
        }
        threadsByTid.clear();
        for (PythonThread t : target.threads()) {
            if (t.nativeId() != 0) {
                threadsByTid.put(t.nativeId(), t);
            }
        }
        return threadsByTid.get(tid);
    }
}
