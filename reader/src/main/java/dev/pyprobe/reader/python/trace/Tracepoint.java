package dev.pyprobe.reader.python.trace;

import dev.pyprobe.reader.python.CodeLocation;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** One function or line being traced in a live process. Close it to remove its probes. */
public final class Tracepoint implements AutoCloseable {
    private final int id;
    private final String description;
    private final Mechanism mechanism;
    private final List<CodeLocation> locations;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final Runnable remove;

    Tracepoint(int id, String description, Mechanism mechanism, List<CodeLocation> locations, Runnable remove) {
        this.id = id;
        this.description = description;
        this.mechanism = mechanism;
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

    public List<CodeLocation> locations() {
        return locations;
    }

    /** Hits delivered so far. */
    public long hits() {
        return hits.get();
    }

    /** Events the kernel dropped: hits is low by at least this much. */
    public long lost() {
        return lost.get();
    }

    long countHit() {
        return hits.incrementAndGet();
    }

    void countLost(long count) {
        lost.addAndGet(count);
    }

    @Override
    public void close() {
        remove.run();
    }

    @Override
    public String toString() {
        return description + " (" + mechanism + ", " + hits() + " hits)";
    }
}
