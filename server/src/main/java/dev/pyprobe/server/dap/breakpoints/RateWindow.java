package dev.pyprobe.server.dap.breakpoints;

/**
 * Lets through at most {@code perSecond} hits in each one-second window, windows measured on the
 * hits' own kernel timestamps (so a burst delivered late is judged by when it happened).
 */
final class RateWindow {
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final int perSecond;
    private long windowStart = Long.MIN_VALUE;
    private int admitted;

    RateWindow(int perSecond) {
        this.perSecond = perSecond;
    }

    synchronized boolean admit(long timeNanos) {
        if (windowStart == Long.MIN_VALUE || timeNanos - windowStart >= SECOND_NANOS || timeNanos < windowStart) {
            windowStart = timeNanos;
            admitted = 0;
        }
        if (admitted >= perSecond) {
            return false;
        }
        admitted++;
        return true;
    }

    int perSecond() {
        return perSecond;
    }
}
