package dev.pyprobe.reader.probe.watch;

import dev.pyprobe.reader.probe.ProbeException;

/**
 * Receives a watchpoint's hits and problems, on the perf reader thread.
 * Calls come one at a time and should return quickly; they may read counts and thread sets, but
 * must not close a probe or ask for a thread rescan (hand that to another thread).
 */
public interface WatchListener {
    /** Thread {@code tid} accessed the address; {@code ip} is the instruction after the access. */
    void onHit(Watchpoint watchpoint, int tid, long timeNanos, long ip);

    /** The kernel dropped {@code count} hits (ring full): counts are now low by that much. */
    default void onLost(Watchpoint watchpoint, long count) {
    }

    /** The kernel throttled the watchpoint on thread {@code tid} (too many hits per second): hits were missed. */
    default void onThrottled(Watchpoint watchpoint, int tid) {
    }

    /** A thread could not get this watchpoint (for instance, its debug registers are all taken). */
    default void onThreadFailed(Watchpoint watchpoint, int tid, ProbeException reason) {
    }
}
