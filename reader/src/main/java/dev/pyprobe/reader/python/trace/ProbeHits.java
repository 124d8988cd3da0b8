package dev.pyprobe.reader.python.trace;

import dev.pyprobe.reader.python.CodeLocation;

/** Where a mechanism reports what its probes see for one tracepoint. */
interface ProbeHits {
    /** An execution of {@code location}. */
    void hit(CodeLocation location, int tid, long timeNanos, boolean stopped);

    /** The kernel dropped {@code count} streamed hits. */
    void lost(long count);

    /** Something the user should know (a thread that could not get the probe...). */
    void problem(String message);
}
