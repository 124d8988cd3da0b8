package dev.pyprobe.reader.python.trace;

import java.time.Duration;

/**
 * How to set a tracepoint.
 *
 * @param mechanism  the mechanism to use, or null to choose (USDT, else watchpoints, else uprobes)
 * @param stopAtHit  stop the process at each hit (SIGSTOP from a BPF program) until {@link Tracer#resume()}
 * @param streamHits deliver each hit to the listener; false: only count, in the kernel where the mechanism can
 * @param costBudget the share of one CPU that a mechanism trapping on every Python call may take, measured right
 *                   after arming; past it the tracepoint is removed unless {@code acceptCost}
 * @param acceptCost keep the tracepoint whatever it costs
 * @param expiry     remove the tracepoint after this long, or null to keep it until closed
 */
public record TraceOptions(Mechanism mechanism, boolean stopAtHit, boolean streamHits, double costBudget,
                           boolean acceptCost, Duration expiry) {
    public static final double DEFAULT_COST_BUDGET = 0.05;

    /** Chosen mechanism, no stop, every hit delivered, 5% budget, no expiry. */
    public static TraceOptions defaults() {
        return new TraceOptions(null, false, true, DEFAULT_COST_BUDGET, false, null);
    }

    public TraceOptions withMechanism(Mechanism m) {
        return new TraceOptions(m, stopAtHit, streamHits, costBudget, acceptCost, expiry);
    }

    public TraceOptions withStopAtHit(boolean stop) {
        return new TraceOptions(mechanism, stop, streamHits, costBudget, acceptCost, expiry);
    }

    public TraceOptions withStreamHits(boolean stream) {
        return new TraceOptions(mechanism, stopAtHit, stream, costBudget, acceptCost, expiry);
    }

    public TraceOptions withCostBudget(double budget, boolean accept) {
        return new TraceOptions(mechanism, stopAtHit, streamHits, budget, accept, expiry);
    }

    public TraceOptions withExpiry(Duration after) {
        return new TraceOptions(mechanism, stopAtHit, streamHits, costBudget, acceptCost, after);
    }
}
