package dev.pyprobe.reader.probe.perf;

/**
 * Receives the records of perf events, on the reader thread of an {@link EventLoop}.
 * Calls come one at a time and should return quickly; they may read counts and thread sets, but
 * must not close a probe or ask for a thread rescan (hand that to another thread).
 */
public interface EventListener {
    void onSample(PerfEvent source, Sample sample);

    /** The kernel dropped {@code count} records of {@code source} because its ring was full. */
    void onLost(PerfEvent source, long count);

    /**
     * The kernel throttled {@code source}: it fired faster than kernel.perf_event_max_sample_rate
     * allows, so it was stopped until the next timer tick and its hits meanwhile went uncounted.
     */
    void onThrottled(PerfEvent source);

    /**
     * The thread {@code source} follows created thread {@code tid} (a PERF_RECORD_FORK), which
     * the event does not follow: whoever wants it there opens an event on it.
     */
    default void onThreadStarted(PerfEvent source, int pid, int tid) {
    }
}
