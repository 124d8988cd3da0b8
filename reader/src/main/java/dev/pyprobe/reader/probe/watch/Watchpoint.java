package dev.pyprobe.reader.probe.watch;

import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.perf.PerThreadEvents;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** One watched address in every thread of a process, with its hit count. Close to remove it. */
public final class Watchpoint implements AutoCloseable {
    private final Watchpoints owner;
    private final long address;
    private final int length;
    private final WatchKind kind;
    private final AtomicLong delivered = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    private final Map<Long, AtomicLong> byInstruction = new ConcurrentHashMap<>();
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

    /**
     * Times the watched bytes were accessed, by the kernel's own count: exact even when rings
     * overflowed, and including threads that have exited.
     */
    public long hits() {
        return events.counts().hits();
    }

    /** Hits whose samples reached the listener so far (drain the event loop first). */
    public long delivered() {
        return delivered.get();
    }

    /**
     * Hits per instruction that made the access (the sample's IP, which points after it). On
     * bytecode this separates the interpreter's call path, one or two fixed instructions hit at
     * every call, from its rare other reads of the same bytes (periodic checks, quickening).
     */
    public Map<Long, Long> hitsByInstruction() {
        Map<Long, Long> out = new java.util.HashMap<>();
        byInstruction.forEach((ip, n) -> out.put(ip, n.get()));
        return out;
    }

    void hit(long ip) {
        delivered.incrementAndGet();
        byInstruction.computeIfAbsent(ip, k -> new AtomicLong()).incrementAndGet();
    }

    /**
     * Hit samples the kernel dropped because a ring was full (the hits themselves are still in
     * {@link #hits()}), by the kernel's own count.
     */
    public long lost() {
        return events.counts().lost();
    }

    /** Times the kernel throttled this watchpoint; each time some hits went uncounted. */
    public long throttled() {
        return throttled.get();
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
