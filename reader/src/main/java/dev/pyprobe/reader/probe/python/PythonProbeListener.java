package dev.pyprobe.reader.probe.python;

import dev.pyprobe.reader.probe.ProbeException;

/**
 * Receives CPython probe hits and problems, on the perf reader thread.
 * Calls come one at a time and should return quickly; they may read counts and thread sets, but
 * must not close a probe or ask for a thread rescan (hand that to another thread).
 */
public interface PythonProbeListener {
    void onHit(PythonProbeHit hit);

    /** The kernel dropped {@code count} hits of {@code kind} (ring full). */
    default void onLost(PythonProbeKind kind, long count) {
    }

    /** The kernel throttled {@code kind} on thread {@code tid} (too many hits per second): hits were missed. */
    default void onThrottled(PythonProbeKind kind, int tid) {
    }

    /** A hit whose strings could not be read (the code object was freed meanwhile, say). */
    default void onDecodeError(PythonProbeKind kind, int tid, RuntimeException error) {
    }

    default void onThreadFailed(int tid, ProbeException reason) {
    }
}
