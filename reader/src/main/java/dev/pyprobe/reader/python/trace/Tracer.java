package dev.pyprobe.reader.python.trace;

import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.proc.Signals;
import dev.pyprobe.reader.python.CodeLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The tracepoints of one live process. It chooses a mechanism for each (USDT where the build has a
 * probe that fires, else hardware watchpoints where the host delivers them, else uprobes on the
 * interpreter), keeps the tracepoints and removes them. The process keeps running; each hit is
 * observed by the kernel. Closing removes every probe: the kernel drops uprobes, lowers semaphores
 * and frees debug registers when our descriptors close, even if pyprobe dies.
 */
public final class Tracer implements AutoCloseable {
    private static final int SIGCONT = 18;

    private final int pid;
    private final Function<String, List<CodeLocation>> findFunction;
    private final LineFinder findLine;
    private final EventLoop loop;
    /** In order of preference. */
    private final Map<Mechanism, TraceMechanism> mechanisms = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Set<Tracepoint> live = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService expiries;

    /** Finds the code of {@code file:line}. */
    @FunctionalInterface
    public interface LineFinder {
        List<CodeLocation> find(String file, int line);
    }

    public Tracer(TracedProcess target, Function<String, List<CodeLocation>> findFunction, LineFinder findLine) {
        this.pid = target.pid();
        this.findFunction = findFunction;
        this.findLine = findLine;
        this.loop = new EventLoop("pyprobe-trace-" + pid, Duration.ofMillis(20));
        mechanisms.put(Mechanism.USDT, new UsdtMechanism(target, loop));
        mechanisms.put(Mechanism.WATCHPOINT, new WatchpointMechanism(target, loop, this::resume));
        mechanisms.put(Mechanism.UPROBE, new UprobeMechanism(target, loop));
    }

    /**
     * For each mechanism, why it cannot trace functions of this process here, or empty where it
     * can (what {@code pyprobe mechanisms} and the DAP attach report).
     */
    public Map<Mechanism, Optional<String>> availability() {
        Map<Mechanism, Optional<String>> out = new LinkedHashMap<>();
        mechanisms.forEach((kind, m) -> out.put(kind, m.unavailable()));
        return out;
    }

    /** Traces calls of the functions matching {@code spec}, with the default options and the given stop action. */
    public Tracepoint traceFunction(String spec, boolean stopAtHit, TraceListener listener) {
        return traceFunction(spec, TraceOptions.defaults().withStopAtHit(stopAtHit), listener);
    }

    /**
     * Traces calls of the functions matching {@code spec} ({@code module:function},
     * {@code module:Class.method} or a bare name).
     */
    public Tracepoint traceFunction(String spec, TraceOptions options, TraceListener listener) {
        List<CodeLocation> locations = findFunction.apply(spec);
        if (locations.isEmpty()) {
            throw new TracepointException("no function " + spec + " in process " + pid
                    + ": write module:function, module:Class.method or a bare name, for a function that "
                    + "is defined (imported) by now");
        }
        return arm(spec, locations, false, options, listener);
    }

    /** Traces executions of {@code file:line}. */
    public Tracepoint traceLine(String file, int line, boolean stopAtHit, TraceListener listener) {
        return traceLine(file, line, TraceOptions.defaults().withStopAtHit(stopAtHit), listener);
    }

    /** Traces executions of {@code file:line}: only watchpoints see lines. */
    public Tracepoint traceLine(String file, int line, TraceOptions options, TraceListener listener) {
        List<CodeLocation> locations = findLine.find(file, line);
        if (locations.isEmpty()) {
            throw new TracepointException("no code at " + file + ":" + line + " in process " + pid
                    + ": the line must hold a statement of a function that is defined by now (module-level "
                    + "code has run already and cannot be traced)");
        }
        return arm(file + ":" + line, locations, true, options, listener);
    }

    private synchronized Tracepoint arm(String description, List<CodeLocation> locations, boolean line,
                                        TraceOptions options, TraceListener listener) {
        List<String> refused = new ArrayList<>();
        TraceMechanism mechanism = choose(line, locations, options.mechanism(), refused);
        Tracepoint tp = new Tracepoint(ids.incrementAndGet(), description, mechanism.kind(), refused, locations,
                this::remove);
        tp.armed(mechanism.arm(description, locations, options, sink(tp, listener)));
        live.add(tp);
        try {
            if (mechanism.microsPerTrap() > 0) {
                CostGuard.check(tp, mechanism.microsPerTrap(), options);
            }
        } catch (RuntimeException e) {
            remove(tp);
            throw e;
        }
        if (options.expiry() != null) {
            expire(tp, options.expiry(), listener);
        }
        return tp;
    }

    /** The mechanism asked for, or the first that works, collecting why the others were passed over. */
    private TraceMechanism choose(boolean line, List<CodeLocation> locations, Mechanism asked, List<String> refused) {
        for (TraceMechanism m : mechanisms.values()) {
            if (asked != null && m.kind() != asked) {
                continue;
            }
            Optional<String> why = line && !m.tracesLines()
                    ? Optional.of("it sees function starts only, not lines")
                    : m.unavailableFor(locations);
            if (why.isEmpty()) {
                return m;
            }
            if (asked != null) {
                throw new TracepointException("cannot trace with " + asked.label() + ": " + why.get());
            }
            refused.add(m.kind().label() + ": " + why.get());
        }
        throw new TracepointException("no tracing mechanism works for this "
                + (line ? "line" : "function") + " here: " + String.join("; ", refused));
    }

    private ProbeHits sink(Tracepoint tp, TraceListener listener) {
        return new ProbeHits() {
            @Override
            public void hit(CodeLocation location, int tid, long timeNanos, boolean stopped, long frame) {
                tp.countDelivered();
                listener.onHit(new TraceHit(tp, tid, timeNanos, location.function(), location.file(), location.line(),
                        stopped, frame));
            }

            @Override
            public void lost(long count) {
                tp.countLost(count);
                listener.onLost(tp, count);
            }

            @Override
            public void problem(String message) {
                listener.onProblem(tp, message);
            }
        };
    }

    private synchronized void expire(Tracepoint tp, Duration after, TraceListener listener) {
        if (expiries == null) {
            expiries = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "pyprobe-expiry-" + pid);
                t.setDaemon(true);
                return t;
            });
        }
        expiries.schedule(() -> {
            if (live.contains(tp)) {
                remove(tp);
                listener.onProblem(tp, "removed: it expired after " + after.toSeconds() + " s");
            }
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void remove(Tracepoint tp) {
        if (live.remove(tp)) {
            tp.disarm();
        }
    }

    /** Resumes the process after a hit of a stop tracepoint. */
    public void resume() {
        Signals.send(pid, SIGCONT);
    }

    /** Delivers the hits the kernel has buffered now. */
    public void drain() {
        loop.drainNow();
    }

    @Override
    public synchronized void close() {
        List.copyOf(live).forEach(this::remove);
        mechanisms.values().forEach(TraceMechanism::close);
        loop.close();
        if (expiries != null) {
            expiries.shutdownNow();
        }
    }
}
