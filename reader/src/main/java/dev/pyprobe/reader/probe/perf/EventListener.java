package dev.pyprobe.reader.probe.perf;

/** Receives the records of perf events, on the reader thread of an {@link EventLoop}. */
public interface EventListener {
    void onSample(PerfEvent source, Sample sample);

    /** The kernel dropped {@code count} records of {@code source} because its ring was full. */
    void onLost(PerfEvent source, long count);

    /**
     * The kernel throttled {@code source}: it fired faster than kernel.perf_event_max_sample_rate
     * allows, so it was stopped until the next timer tick and its hits meanwhile went uncounted.
     */
    void onThrottled(PerfEvent source);
}
