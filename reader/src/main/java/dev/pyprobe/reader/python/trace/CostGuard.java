package dev.pyprobe.reader.python.trace;

/**
 * Mechanisms that trap on every Python call (USDT, uprobes) slow the whole process in proportion
 * to its call rate. Right after arming, the guard measures that rate from the filter's own trap
 * counter and projects the cost; past the budget it refuses, unless the user accepted the cost.
 */
final class CostGuard {
    private static final long WINDOW_MILLIS = 250;

    private CostGuard() {
    }

    /**
     * Measures and records the projected cost of {@code tp}; throws (the caller removes the
     * tracepoint) when it exceeds the budget and was not accepted.
     */
    static void check(Tracepoint tp, double microsPerTrap, TraceOptions options) {
        ArmedProbes probes = tp.probes();
        long before = probes.traps();
        long start = System.nanoTime();
        try {
            Thread.sleep(WINDOW_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TracepointException("interrupted while measuring the cost of " + tp.description());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double callsPerSecond = (probes.traps() - before) / seconds;
        double share = callsPerSecond * microsPerTrap / 1e6;
        tp.projectedCost(share);
        if (share > options.costBudget() && !options.acceptCost()) {
            throw new TracepointException(String.format(
                    "tracing %s with %s would cost about %.0f%% of one CPU (%.0f Python calls/s in the process, "
                            + "each trapping into the kernel for ~%.1f us), over the budget of %.0f%%: accept the cost "
                            + "(--accept-cost, or acceptTracingCost in the attach arguments) or raise the budget",
                    tp.description(), tp.mechanism().label(), 100 * share, callsPerSecond, microsPerTrap,
                    100 * options.costBudget()));
        }
    }
}
