package dev.pyprobe.reader.python.trace;

import dev.pyprobe.reader.python.CodeLocation;
import java.util.List;
import java.util.Optional;

/** One way of observing function starts (and, for some, lines) in the kernel. */
interface TraceMechanism extends AutoCloseable {
    Mechanism kind();

    /** Why this mechanism cannot trace functions of this process here, or empty. */
    Optional<String> unavailable();

    /** Why this mechanism cannot trace these locations, or empty; by default what {@link #unavailable()} says. */
    default Optional<String> unavailableFor(List<CodeLocation> locations) {
        return unavailable();
    }

    /** Whether the mechanism can trace a line (not only function starts). */
    boolean tracesLines();

    /**
     * Every Python call of the process traps while a probe of this mechanism is armed: the
     * projected cost is the call rate times this many microseconds (measured, see the README).
     * 0 for mechanisms that trap only on the traced code.
     */
    double microsPerTrap();

    /** Places probes on {@code locations} (a function's start or a line's first instruction). */
    ArmedProbes arm(String description, List<CodeLocation> locations, TraceOptions options, ProbeHits hits);

    @Override
    void close();
}
