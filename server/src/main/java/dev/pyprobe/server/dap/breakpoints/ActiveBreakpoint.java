package dev.pyprobe.server.dap.breakpoints;

import dev.pyprobe.server.tracing.RateWindow;
import dev.pyprobe.server.tracing.HitRules;

import dev.pyprobe.reader.python.CodeLocation;
import dev.pyprobe.reader.python.trace.TraceHit;
import dev.pyprobe.reader.python.trace.TraceListener;
import dev.pyprobe.reader.python.trace.Tracepoint;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.debug.Breakpoint;

/**
 * One verified breakpoint: its tracepoint, its settings, and its counts.
 * Hits arrive on the tracer's event thread and go to the {@link HitProcessor}.
 */
final class ActiveBreakpoint implements TraceListener {
    private final int id;
    private final String label;
    private final HitProcessor processor;
    private final RateWindow rate;
    private final AtomicLong counted = new AtomicLong();
    private final AtomicLong notShown = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong undecided = new AtomicLong();
    private final AtomicReference<String> undecidedReason = new AtomicReference<>();
    private final AtomicReference<Breakpoint> shown = new AtomicReference<>();
    private final Requested requested;
    private final HitRules settings;
    private volatile Tracepoint tracepoint;
    private volatile Set<Long> tracedCode = Set.of();
    private volatile boolean closed;
    /** Counts at the last report, to report only changes. */
    private long reportedCounted;
    private long reportedNotShown;
    private long reportedLost;
    private long reportedUndecided;

    ActiveBreakpoint(int id, String label, Requested requested, HitRules settings, HitProcessor processor,
                     int maxPerSecond) {
        this.id = id;
        this.label = label;
        this.requested = requested;
        this.settings = settings;
        this.processor = processor;
        this.rate = new RateWindow(maxPerSecond);
    }

    void traced(Tracepoint tp) {
        this.tracepoint = tp;
        this.tracedCode = tp.locations().stream().map(CodeLocation::codeAddress).collect(Collectors.toUnmodifiableSet());
    }

    int id() {
        return id;
    }

    /** What the user set, e.g. {@code shop:Order.total} or {@code shop.py:12}. */
    String label() {
        return label;
    }

    HitRules settings() {
        return settings;
    }

    /** What the client asked, as written: a new request that differs replaces this breakpoint. */
    Requested requested() {
        return requested;
    }

    Tracepoint tracepoint() {
        return tracepoint;
    }

    Set<Long> tracedCode() {
        return tracedCode;
    }

    RateWindow rate() {
        return rate;
    }

    boolean isClosed() {
        return closed;
    }

    /** The breakpoint as last told to the client (its message is updated with the counts). */
    Breakpoint shown() {
        return shown.get();
    }

    void shown(Breakpoint b) {
        shown.set(b);
    }

    /** Counts a hit that passed the condition; returns its number (from 1). */
    long count() {
        return counted.incrementAndGet();
    }

    void notShown() {
        notShown.incrementAndGet();
    }

    void undecided(String reason) {
        undecided.incrementAndGet();
        undecidedReason.set(reason);
    }

    long counted() {
        return counted.get();
    }

    @Override
    public void onHit(TraceHit hit) {
        if (tracepoint == null) {
            traced(hit.tracepoint()); // a hit can come before traceFunction/traceLine has returned
        }
        processor.process(this, hit);
    }

    @Override
    public void onLost(Tracepoint tp, long count) {
        lost.addAndGet(count);
    }

    @Override
    public void onProblem(Tracepoint tp, String message) {
        processor.problem(this, message);
    }

    /** Removes the probes; hits still in the kernel's buffers are ignored (and a stopped process resumed). */
    void close() {
        closed = true;
        Tracepoint tp = tracepoint;
        if (tp != null) {
            tp.close();
        }
    }

    /** What changed since the last report, or null when nothing did. Called from one thread only. */
    Report report() {
        long c = counted.get();
        long n = notShown.get();
        long l = lost.get();
        long u = undecided.get();
        if (c == reportedCounted && n == reportedNotShown && l == reportedLost && u == reportedUndecided) {
            return null;
        }
        Report r = new Report(c, n, n - reportedNotShown, l - reportedLost, u - reportedUndecided,
                undecidedReason.get());
        reportedCounted = c;
        reportedNotShown = n;
        reportedLost = l;
        reportedUndecided = u;
        return r;
    }

    /** Counts for one report: totals, and what was new since the previous one. */
    record Report(long hits, long notShownTotal, long newlyNotShown, long newlyLost, long newlyUndecided,
                  String undecidedReason) {
    }

    /** The breakpoint's message for the client: how it is traced and its counts. */
    String message() {
        Tracepoint tp = tracepoint;
        String how = tp == null ? "" : " (" + tp.mechanismNote() + ")";
        // Without a condition every hit counts, and the kernel's count is exact even when hits were lost.
        long hits = tp != null && settings.condition() == null ? Math.max(tp.hits(), counted.get()) : counted.get();
        StringBuilder m = new StringBuilder().append(hits).append(hits == 1 ? " hit" : " hits");
        if (settings.condition() != null) {
            m.append(" with the condition true");
        }
        long n = notShown.get();
        if (n > 0) {
            m.append(", ").append(n).append(" not shown (over ").append(rate.perSecond()).append("/s)");
        }
        long l = lost.get();
        if (l > 0) {
            m.append(", ").append(l).append(" lost by the kernel");
        }
        if (tp != null && tp.locations().size() > 1) {
            m.append("; matches ").append(tp.locations().size()).append(" functions");
        }
        return m.append(how).toString();
    }
}
