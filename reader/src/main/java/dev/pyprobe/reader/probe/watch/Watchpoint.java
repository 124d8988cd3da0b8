package dev.pyprobe.reader.probe.watch;

import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.perf.PerThreadEvents;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** One watched address in every thread of a process, with its hit count. Close to remove it. */
public final class Watchpoint implements AutoCloseable {
    private final Watchpoints owner;
    private final long address;
    private final int length;
    private final WatchKind kind;
    final AtomicLong hits = new AtomicLong();
    final AtomicLong lost = new AtomicLong();
    private PerThreadEvents events;
    private boolean closed;

    Watchpoint(Watchpoints owner, long address, int length, WatchKind kind) {
        this.owner = owner;
        this.address = address;
        this.length = length;
        this.kind = kind;
    }

    void bind(PerThreadEvents events) {
        this.events = events;
    }

    public long address() {
        return address;
    }

    public int length() {
        return length;
    }

    public WatchKind kind() {
        return kind;
    }

    /** Hits read from the rings so far (drain the event loop first for an exact figure). */
    public long hits() {
        return hits.get();
    }

    /** Hits the kernel dropped because a ring was full. */
    public long lost() {
        return lost.get();
    }

    /** Threads that carry the watchpoint now. */
    public Set<Integer> threads() {
        return events.threads();
    }

    /** Threads that could not get it, with the reason (no free debug register, ...). */
    public Map<Integer, ProbeException> failures() {
        return events.failures();
    }

    /** Looks for new and exited threads now instead of at the next periodic scan. */
    public void rescanThreads() {
        events.rescan();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        events.close();
        owner.released(this);
    }

    @Override
    public String toString() {
        return String.format("watchpoint %s at 0x%x (len %d)", kind, address, length);
    }
}
