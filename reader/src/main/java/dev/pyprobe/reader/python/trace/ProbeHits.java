package dev.pyprobe.reader.python.trace;

import dev.pyprobe.reader.python.CodeLocation;

/** Where a mechanism reports what its probes see for one tracepoint. */
interface ProbeHits {
    /**
     * An execution of {@code location}.
     *
     * @param frame the frame that runs it where the probe knows it (its BPF filter found it), else 0
     */
    void hit(CodeLocation location, int tid, long timeNanos, boolean stopped, long frame);

    /** The kernel dropped {@code count} streamed hits. */
    void lost(long count);

    /** Something the user should know (a thread that could not get the probe...). */
    void problem(String message);
}
