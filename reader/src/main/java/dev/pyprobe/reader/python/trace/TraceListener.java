package dev.pyprobe.reader.python.trace;

/** Receives hits and troubles of tracepoints, on the tracer's event thread. */
public interface TraceListener {
    void onHit(TraceHit hit);

    /** The kernel dropped {@code count} events of the tracepoint (a full ring, or throttling). */
    default void onLost(Tracepoint tracepoint, long count) {
    }

    /** Something the user should know, e.g. a thread that could not get a debug register. */
    default void onProblem(Tracepoint tracepoint, String message) {
    }
}
