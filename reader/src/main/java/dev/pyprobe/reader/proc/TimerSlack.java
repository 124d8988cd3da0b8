package dev.pyprobe.reader.proc;

/**
 * The calling thread's timer slack (prctl PR_SET_TIMERSLACK): how late the kernel may wake it
 * from a timed sleep, 50 us by default. A sampler that sleeps until its next tick, 100 us away at
 * 10 kHz, would otherwise wake up to half an interval late and skip ticks for it.
 */
public final class TimerSlack implements AutoCloseable {
    private static final int PR_SET_TIMERSLACK = 29;
    static final int PR_GET_TIMERSLACK = 30;
    static final long TIGHT_NANOS = 1_000;

    private final long before;

    private TimerSlack(long before) {
        this.before = before;
    }

    /** Tightens the calling thread's slack to 1 us until closed (from the same thread). */
    public static TimerSlack tighten() {
        long before = LibC.prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
        if (before > 0) {
            LibC.prctl(PR_SET_TIMERSLACK, TIGHT_NANOS, 0, 0, 0);
        }
        return new TimerSlack(before);
    }

    @Override
    public void close() {
        if (before > 0) {
            LibC.prctl(PR_SET_TIMERSLACK, before, 0, 0, 0);
        }
    }
}
