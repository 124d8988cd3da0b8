package dev.pyprobe.server.cli;

import dev.pyprobe.server.wording.HitWords;

import com.google.gson.JsonObject;
import dev.pyprobe.reader.python.CodeLocation;
import dev.pyprobe.reader.python.trace.TraceHit;
import dev.pyprobe.reader.python.trace.TraceListener;
import dev.pyprobe.reader.python.trace.Tracepoint;
import dev.pyprobe.server.tracing.HitFrame;
import dev.pyprobe.server.tracing.HitFrames;
import dev.pyprobe.server.tracing.HitRules;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * What {@code pyprobe trace} does with each hit: applies the {@code --if} condition and the
 * {@code --log} message (the rules DAP breakpoints use, read from the hitting frame right after
 * the hit), prints the hit unless only counting, and keeps per tracepoint the hits whose
 * condition held and those it could not decide.
 */
final class HitPrinter implements TraceListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean print;
    private final HitRules rules;
    private final HitFrames frames;
    private final Map<Tracepoint, AtomicLong> conditionTrue = new ConcurrentHashMap<>();
    private final Map<Tracepoint, AtomicLong> undecided = new ConcurrentHashMap<>();
    private final Map<Tracepoint, Set<Long>> tracedCode = new ConcurrentHashMap<>();

    /**
     * @param print  print each hit that passes the condition (false: only count)
     * @param frames where the hitting frame is read from, when the rules need it
     */
    HitPrinter(PrintWriter out, PrintWriter err, boolean json, boolean print, HitRules rules, HitFrames frames) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.print = print;
        this.rules = rules;
        this.frames = frames;
    }

    @Override
    public void onHit(TraceHit hit) {
        Tracepoint tp = hit.tracepoint();
        HitFrame frame = rules.readsFrame() ? frames.read(hit.tid(), hit.timeNanos(), tracedCode(tp)) : null;
        if (rules.condition() != null) {
            boolean holds = frame.test(rules.condition(), reason -> undecided(tp, reason)).orElse(false);
            if (!holds) {
                return;
            }
            conditionTrue.computeIfAbsent(tp, t -> new AtomicLong()).incrementAndGet();
        }
        if (print) {
            String message = rules.logMessage() == null ? null : frame.render(rules.logMessage());
            synchronized (out) {
                out.println(json ? json(hit, message) : text(hit, message));
                out.flush();
            }
        }
    }

    private static String text(TraceHit hit, String message) {
        return String.format("%s tid %-7d %s (%s:%d)%s", LocalTime.now().format(TIME), hit.tid(), hit.function(),
                hit.file(), hit.line(), message == null ? "" : ": " + message);
    }

    private static String json(TraceHit hit, String message) {
        JsonObject o = new JsonObject();
        o.addProperty("tracepoint", hit.tracepoint().description());
        o.addProperty("tid", hit.tid());
        o.addProperty("timeNanos", hit.timeNanos());
        o.addProperty("function", hit.function());
        o.addProperty("file", hit.file());
        o.addProperty("line", hit.line());
        if (message != null) {
            o.addProperty("message", message);
        }
        return o.toString();
    }

    /** The code objects of a tracepoint, worked out once rather than at every hit. */
    private Set<Long> tracedCode(Tracepoint tp) {
        return tracedCode.computeIfAbsent(tp, t -> t.locations().stream().map(CodeLocation::codeAddress)
                .collect(Collectors.toUnmodifiableSet()));
    }

    private void undecided(Tracepoint tp, String reason) {
        long n = undecided.computeIfAbsent(tp, t -> new AtomicLong()).incrementAndGet();
        if (n == 1) {
            synchronized (out) {
                err.printf("pyprobe: %s: %s (the first; the count of them is printed with --count)%n",
                        tp.description(), HitWords.undecided(1, reason));
                err.flush();
            }
        }
    }

    /** Hits whose condition held. */
    long conditionTrue(Tracepoint tp) {
        AtomicLong n = conditionTrue.get(tp);
        return n == null ? 0 : n.get();
    }

    /** Hits whose condition could not be decided. */
    long undecided(Tracepoint tp) {
        AtomicLong n = undecided.get(tp);
        return n == null ? 0 : n.get();
    }

    @Override
    public void onLost(Tracepoint tracepoint, long lost) {
        synchronized (out) {
            err.printf("pyprobe: %s: %s%n", tracepoint.description(), HitWords.lost(lost, tracepoint.countedInKernel()));
            err.flush();
        }
    }

    @Override
    public void onProblem(Tracepoint tracepoint, String message) {
        synchronized (out) {
            err.printf("pyprobe: %s: %s%n", tracepoint.description(), message);
            err.flush();
        }
    }
}
