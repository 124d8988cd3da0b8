package dev.pyprobe.reader.python.trace;

import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.elf.StapsdtNotes;
import dev.pyprobe.reader.elf.StapsdtProbe;
import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.bpf.BpfProgram;
import dev.pyprobe.reader.probe.bpf.StopProgram;
import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.python.PythonProbeHit;
import dev.pyprobe.reader.probe.python.PythonProbeKind;
import dev.pyprobe.reader.probe.python.PythonProbeListener;
import dev.pyprobe.reader.probe.python.PythonUsdt;
import dev.pyprobe.reader.probe.watch.WatchKind;
import dev.pyprobe.reader.probe.watch.WatchListener;
import dev.pyprobe.reader.probe.watch.Watchpoint;
import dev.pyprobe.reader.probe.watch.Watchpoints;
import dev.pyprobe.reader.proc.Signals;
import dev.pyprobe.reader.proc.TargetProcess;
import dev.pyprobe.reader.python.CodeLocation;
import dev.pyprobe.reader.python.PythonVersion;
import dev.pyprobe.reader.python.attach.InterpreterBinary;
import dev.pyprobe.reader.python.layout.Layout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Tracepoints on one live process: functions through CPython's USDT probe where the build has a
 * working one, else (and for lines, and for stop actions) hardware watchpoints on bytecode. The
 * process keeps running; each hit is observed by the kernel and handed to a listener. Closing
 * removes every probe: the kernel drops uprobes, lowers semaphores and frees debug registers when
 * our descriptors close, even if pyprobe dies.
 */
public final class Tracer implements AutoCloseable {
    private static final int SIGCONT = 18;
    /**
     * A whole code unit, opcode and argument: superinstructions (3.11+) fetch the second
     * instruction's argument without its opcode, so watching the opcode alone would miss them.
     */
    private static final int WATCH_LENGTH = 2;

    private final TargetProcess process;
    private final InterpreterBinary binary;
    private final PythonVersion version;
    private final Layout.Trace traceLayout;
    private final Function<String, List<CodeLocation>> findFunction;
    private final LineFinder findLine;
    private final EventLoop loop;
    private final Watchpoints watchpoints;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Tracepoint, List<CodeLocation>> usdtTracepoints = new ConcurrentHashMap<>();
    private final Map<Tracepoint, TraceListener> usdtListeners = new ConcurrentHashMap<>();
    private PythonUsdt usdt;
    private BpfProgram stopProgram;

    /** Finds the code of {@code file:line}. */
    @FunctionalInterface
    public interface LineFinder {
        List<CodeLocation> find(String file, int line);
    }

    public Tracer(TargetProcess process, InterpreterBinary binary, PythonVersion version, Layout.Trace traceLayout,
                  Function<String, List<CodeLocation>> findFunction, LineFinder findLine) {
        this.process = process;
        this.binary = binary;
        this.version = version;
        this.traceLayout = traceLayout;
        this.findFunction = findFunction;
        this.findLine = findLine;
        this.loop = new EventLoop("pyprobe-trace-" + process.pid(), Duration.ofMillis(20));
        this.watchpoints = new Watchpoints(process.pid(), loop);
    }

    /**
     * Traces calls of the functions matching {@code spec} ({@code module:function},
     * {@code module:Class.method} or a bare name).
     *
     * @param stopAtHit stop the process at each hit (SIGSTOP from a BPF program) until {@link #resume()}
     */
    public Tracepoint traceFunction(String spec, boolean stopAtHit, TraceListener listener) {
        return traceFunction(spec, null, stopAtHit, listener);
    }

    /**
     * Same, with the mechanism chosen by the caller ({@code null}: USDT where it works and no stop
     * is asked for, else watchpoints).
     */
    public synchronized Tracepoint traceFunction(String spec, Mechanism mechanism, boolean stopAtHit,
                                                 TraceListener listener) {
        List<CodeLocation> locations = findFunction.apply(spec);
        if (locations.isEmpty()) {
            throw new TracepointException("no function " + spec + " in process " + process.pid()
                    + ": write module:function, module:Class.method or a bare name, for a function that "
                    + "is defined (imported) by now");
        }
        boolean usdtWorks = usdtFunctionEntry().isPresent();
        if (mechanism == Mechanism.USDT && (!usdtWorks || stopAtHit)) {
            throw new TracepointException(stopAtHit ? "a stop action needs a watchpoint: one USDT site serves every "
                    + "function, so stopping there would stop at every call"
                    : "this Python has no working function__entry USDT probe (it needs a --with-dtrace build up to "
                    + "3.11; 3.12-3.14 removed the probe): use a watchpoint");
        }
        if (mechanism != Mechanism.WATCHPOINT && !stopAtHit && usdtWorks) {
            return traceWithUsdt(spec, locations, listener);
        }
        return traceWithWatchpoints(spec, locations, stopAtHit, listener);
    }

    /** Traces executions of {@code file:line}. */
    public synchronized Tracepoint traceLine(String file, int line, boolean stopAtHit, TraceListener listener) {
        List<CodeLocation> locations = findLine.find(file, line);
        if (locations.isEmpty()) {
            throw new TracepointException("no code at " + file + ":" + line + " in process " + process.pid()
                    + ": the line must hold a statement of a function that is defined by now (module-level "
                    + "code has run already and cannot be traced)");
        }
        return traceWithWatchpoints(file + ":" + line, locations, stopAtHit, listener);
    }

    /** Resumes the process after a hit of a stop tracepoint. */
    public void resume() {
        Signals.send(process.pid(), SIGCONT);
    }

    /** Delivers the hits the kernel has buffered now (for exact counts before reading them). */
    public void drain() {
        loop.drainNow();
    }

    // ---- USDT ---------------------------------------------------------------------------

    /** The python:function__entry probe, if this build has one that fires (up to 3.11). */
    private OptionalLong usdtFunctionEntry() {
        if (version.atLeast(3, 12)) {
            return OptionalLong.empty();
        }
        return StapsdtNotes.locate(binary.elf().elf()).stream()
                .filter(p -> p.provider().equals("python") && p.name().equals("function__entry"))
                .mapToLong(StapsdtProbe::pcFileOffset).findFirst();
    }

    private Tracepoint traceWithUsdt(String spec, List<CodeLocation> locations, TraceListener listener) {
        Tracepoint tp = new Tracepoint(ids.incrementAndGet(), spec, Mechanism.USDT, locations, () -> removeUsdt(spec));
        usdtTracepoints.put(tp, locations);
        usdtListeners.put(tp, listener);
        try {
            ensureUsdtAttached();
        } catch (RuntimeException e) {
            usdtTracepoints.remove(tp);
            usdtListeners.remove(tp);
            throw e;
        }
        return tp;
    }

    private void removeUsdt(String spec) {
        synchronized (this) {
            usdtTracepoints.keySet().removeIf(tp -> tp.description().equals(spec));
            usdtListeners.keySet().removeIf(tp -> tp.description().equals(spec));
            if (usdtTracepoints.isEmpty() && usdt != null) {
                // One probe site serves every function: it goes when the last function tracepoint does.
                usdt.close();
                usdt = null;
            }
        }
    }

    private void ensureUsdtAttached() {
        if (usdt != null) {
            return;
        }
        try {
            usdt = PythonUsdt.attach(process, binary.elf(), version.major(), version.minor(),
                    EnumSet.of(PythonProbeKind.FUNCTION_ENTRY), loop, usdtDispatch(), null);
        } catch (ProbeException e) {
            throw new TracepointException("cannot attach the function__entry USDT probe: " + e.getMessage(), e);
        }
    }

    /** Every Python call hits the one USDT site; pass each hit to the tracepoints whose function it is. */
    private PythonProbeListener usdtDispatch() {
        return new PythonProbeListener() {
            @Override
            public void onHit(PythonProbeHit hit) {
                usdtTracepoints.forEach((tp, locations) -> {
                    for (CodeLocation l : locations) {
                        if (l.file().equals(hit.filename()) && simpleName(l.function()).equals(hit.function())) {
                            tp.countHit();
                            usdtListeners.get(tp).onHit(new TraceHit(tp, hit.tid(), hit.timeNanos(), l.function(),
                                    l.file(), l.line(), false));
                            return;
                        }
                    }
                });
            }

            @Override
            public void onLost(PythonProbeKind kind, long count) {
                usdtTracepoints.keySet().forEach(tp -> {
                    tp.countLost(count);
                    usdtListeners.get(tp).onLost(tp, count);
                });
            }

            @Override
            public void onThreadFailed(int tid, ProbeException reason) {
                usdtTracepoints.keySet().forEach(tp -> usdtListeners.get(tp).onProblem(tp,
                        "thread " + tid + " cannot be traced: " + reason.getMessage()));
            }
        };
    }

    private static String simpleName(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    // ---- watchpoints ----------------------------------------------------------------------

    private Tracepoint traceWithWatchpoints(String spec, List<CodeLocation> locations, boolean stopAtHit,
                                            TraceListener listener) {
        if (locations.size() > watchpoints.freeRegisters()) {
            throw new TracepointException(spec + " needs " + locations.size() + " hardware watchpoint(s) but only "
                    + watchpoints.freeRegisters() + " of the " + Watchpoints.DEBUG_REGISTERS_PER_THREAD
                    + " debug registers per thread are free: remove another breakpoint, or name the function "
                    + "more precisely (module:Class.method)");
        }
        InterpreterBinary.AddressRange evalLoop = binary.symbolRange(traceLayout.evalLoop()).orElseThrow(() -> new TracepointException(
                binary.path() + " has no symbol " + traceLayout.evalLoop() + ": cannot tell calls from other reads"));
        List<Watchpoint> placed = new ArrayList<>();
        Tracepoint tp = new Tracepoint(ids.incrementAndGet(), spec, Mechanism.WATCHPOINT, locations,
                () -> placed.forEach(Watchpoint::close));
        try {
            for (CodeLocation location : locations) {
                CallFilter calls = new CallFilter(evalLoop);
                WatchListener w = watchListener(tp, location, calls, stopAtHit, listener);
                long address = location.instructionAddress();
                // 2.7's instructions have odd lengths; a watchpoint must be aligned to its length.
                int length = address % WATCH_LENGTH == 0 ? WATCH_LENGTH : 1;
                placed.add(watchpoints.watch(address, length, WatchKind.READ_WRITE, w,
                        stopAtHit ? stopProgram() : null));
            }
        } catch (ReaderException e) {
            placed.forEach(Watchpoint::close);
            throw new TracepointException("cannot place a hardware watchpoint for " + spec + ": " + e.getMessage(), e);
        }
        return tp;
    }

    private WatchListener watchListener(Tracepoint tp, CodeLocation location, CallFilter calls, boolean stopAtHit,
                                        TraceListener listener) {
        return new WatchListener() {
            @Override
            public void onHit(Watchpoint watchpoint, int tid, long timeNanos, long ip) {
                List<CallFilter.Access> executions = calls.executions(tid, timeNanos, ip);
                boolean accessIsExecution = executions.stream().anyMatch(e -> e.timeNanos() == timeNanos && e.tid() == tid);
                if (stopAtHit && !accessIsExecution) {
                    // Stopped by an access that is not itself a call (a one-off read, or the second read of a
                    // pair that completes a call held back until then): let it run on at once.
                    resume();
                }
                for (CallFilter.Access e : executions) {
                    tp.countHit();
                    // Only the access that just happened has the process stopped.
                    boolean stopped = stopAtHit && e.timeNanos() == timeNanos && e.tid() == tid;
                    listener.onHit(new TraceHit(tp, e.tid(), e.timeNanos(), location.function(), location.file(),
                            location.line(), stopped));
                }
            }

            @Override
            public void onLost(Watchpoint watchpoint, long count) {
                tp.countLost(count);
                listener.onLost(tp, count);
            }

            @Override
            public void onThrottled(Watchpoint watchpoint, int tid) {
                listener.onProblem(tp, "the kernel throttled the watchpoint on thread " + tid
                        + " (too many hits per second): some hits were not seen");
            }

            @Override
            public void onThreadFailed(Watchpoint watchpoint, int tid, ProbeException reason) {
                listener.onProblem(tp, "thread " + tid + " cannot carry the watchpoint: " + reason.getMessage());
            }
        };
    }

    private BpfProgram stopProgram() {
        if (stopProgram == null) {
            stopProgram = StopProgram.forBreakpoints();
        }
        return stopProgram;
    }

    @Override
    public synchronized void close() {
        if (usdt != null) {
            usdt.close();
            usdt = null;
        }
        usdtTracepoints.clear();
        watchpoints.close();
        loop.close();
        if (stopProgram != null) {
            stopProgram.close();
        }
    }
}
