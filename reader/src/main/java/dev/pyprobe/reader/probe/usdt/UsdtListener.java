package dev.pyprobe.reader.probe.usdt;

import dev.pyprobe.reader.probe.ProbeException;

/**
 * Receives a USDT attachment's hits and problems, on the perf reader thread.
 * Calls come one at a time and should return quickly; they may read counts and thread sets, but
 * must not close a probe or ask for a thread rescan (hand that to another thread).
 */
public interface UsdtListener {
    void onHit(UsdtHit hit);

    /** The kernel dropped {@code count} hits (ring full): counts are now low by that much. */
    default void onLost(long count) {
    }

    /** The kernel throttled the probe on a thread (too many hits per second): hits were missed. */
    default void onThrottled(int tid) {
    }

    /** An argument of a hit could not be decoded (the hit is still counted). */
    default void onDecodeError(UsdtProbe probe, int tid, RuntimeException error) {
    }

    /** A thread of the target could not get the probe. */
    default void onThreadFailed(int tid, ProbeException reason) {
    }
}
