package dev.pyprobe.reader.python.trace;

import dev.pyprobe.reader.python.CodeLocation;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** One function or line being traced in a live process. Close it to remove its probes. */
public final class Tracepoint implements AutoCloseable {
    private final int id;
    private final String description;
    private final Mechanism mechanism;
    private final List<String> refused;
    private final List<CodeLocation> locations;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final Consumer<Tracepoint> remove;
    private volatile ArmedProbes probes;
    /** The count when the probes were removed (their kernel counters go with them), or -1 while armed. */
    private volatile long finalHits = -1;
    private volatile boolean countedInKernel;
    private volatile double projectedCost = Double.NaN;

    Tracepoint(int id, String description, Mechanism mechanism, List<String> refused, List<CodeLocation> locations,
               Consumer<Tracepoint> remove) {
        this.id = id;
        this.description = description;
        this.mechanism = mechanism;
        this.refused = List.copyOf(refused);
        this.locations = List.copyOf(locations);
        this.remove = remove;
    }

    public int id() {
        return id;
    }

    /** What the user asked for, e.g. {@code shop:Order.total} or {@code app.py:42}. */
    public String description() {
        return description;
    }

    public Mechanism mechanism() {
        return mechanism;
    }

    /** Why each mechanism preferred to this one was not used, e.g. {@code usdt: no probe in this build}. */
    public List<String> refused() {
        return refused;
    }

    /** The mechanism and, where others were passed over, why: for the user. */
    public String mechanismNote() {
        return refused.isEmpty() ? mechanism.label() : mechanism.label() + " (not " + String.join("; not ", refused) + ")";
    }

    public List<CodeLocation> locations() {
        return locations;
    }

    /**
     * Hits so far: the kernel's exact count where the mechanism counts in BPF (USDT, uprobes),
     * else the hits delivered.
     */
    public long hits() {
        long last = finalHits;
        if (last >= 0) {
            return last;
        }
        ArmedProbes p = probes;
        return p == null ? delivered.get() : p.kernelHits().orElse(delivered.get());
    }

    /** Keeps the count, then removes the probes. */
    void disarm() {
        ArmedProbes p = probes;
        if (p == null) {
            return;
        }
        try {
            finalHits = hits();
        } catch (RuntimeException e) {
            finalHits = delivered.get();
        }
        p.close();
    }

    /** Whether {@link #hits()} is the kernel's count (exact whatever was lost on the way). */
    public boolean countedInKernel() {
        return countedInKernel;
    }

    /** Hits delivered to the listener so far. */
    public long delivered() {
        return delivered.get();
    }

    /** Streamed hits the kernel dropped: the listener saw this many fewer than happened. */
    public long lost() {
        return lost.get();
    }

    /**
     * The share of one CPU this tracepoint's traps cost the process when it was armed (call rate
     * times the trap cost), or NaN where the mechanism traps only on the traced code.
     */
    public double projectedCost() {
        return projectedCost;
    }

    void armed(ArmedProbes armed) {
        this.countedInKernel = armed.kernelHits().isPresent();
        this.probes = armed;
    }

    ArmedProbes probes() {
        return probes;
    }

    void projectedCost(double share) {
        this.projectedCost = share;
    }

    long countDelivered() {
        return delivered.incrementAndGet();
    }

    void countLost(long count) {
        lost.addAndGet(count);
    }

    @Override
    public void close() {
        remove.accept(this);
    }

    @Override
    public String toString() {
        return description + " (" + mechanism.label() + ", " + hits() + " hits)";
    }
}
