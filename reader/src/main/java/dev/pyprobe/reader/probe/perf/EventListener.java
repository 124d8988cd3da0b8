package dev.pyprobe.reader.probe.perf;

/** Receives the records of perf events, on the reader thread of an {@link EventLoop}. */
public interface EventListener {
    void onSample(PerfEvent source, Sample sample);

    /** The kernel dropped {@code count} records of {@code source} because its ring was full. */
    void onLost(PerfEvent source, long count);
}
