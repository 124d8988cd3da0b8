package dev.pyprobe.reader.python.trace;

import java.util.OptionalLong;

/** The probes one mechanism placed for one tracepoint. Closing removes them. */
interface ArmedProbes extends AutoCloseable {
    /** Hits counted in the kernel, exact at any rate; empty when the mechanism counts in pyprobe. */
    OptionalLong kernelHits();

    /** Times the probed places ran for any function (USDT and uprobes trap on every call); 0 where unknown. */
    long traps();

    @Override
    void close();
}
