package dev.pyprobe.server.tracing;

/**
 * Lets through at most {@code perSecond} hits in each one-second window, windows measured on the
 * hits' own kernel timestamps (so a burst delivered late is judged by when it happened).
 */
public final class RateWindow {
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final int perSecond;
    private long windowStart = Long.MIN_VALUE;
    private int admitted;

    public RateWindow(int perSecond) {
        this.perSecond = perSecond;
    }

    public synchronized boolean admit(long timeNanos) {
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

    public int perSecond() {
        return perSecond;
    }
}
