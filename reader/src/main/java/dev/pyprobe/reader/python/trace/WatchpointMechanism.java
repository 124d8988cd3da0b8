package dev.pyprobe.reader.python.trace;

import dev.pyprobe.reader.ReaderException;
import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.bpf.PlaceCounter;
import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.watch.BreakpointDelivery;
import dev.pyprobe.reader.probe.watch.WatchKind;
import dev.pyprobe.reader.probe.watch.WatchListener;
import dev.pyprobe.reader.probe.watch.Watchpoint;
import dev.pyprobe.reader.probe.watch.Watchpoints;
import dev.pyprobe.reader.python.CodeLocation;
import dev.pyprobe.reader.python.attach.InterpreterBinary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Hardware watchpoints on the first instruction of a function or line: only that code traps. The
 * interpreter also reads bytecode for other reasons, so {@link CallFilter} learns from the streamed
 * hits which places (instruction pointers) are executions, and the count is the kernel's count of
 * hits from those places ({@link PlaceCounter}): exact even when a ring drops samples. Usable only
 * where the host delivers hardware breakpoints ({@link BreakpointDelivery}).
 */
final class WatchpointMechanism implements TraceMechanism {
    /**
     * A whole code unit, opcode and argument: superinstructions (3.11+) fetch the second
     * instruction's argument without its opcode, so watching the opcode alone would miss them.
     */
    private static final int WATCH_LENGTH = 2;

    private final TracedProcess target;
    private final Watchpoints watchpoints;
    private final Runnable resume;

    WatchpointMechanism(TracedProcess target, EventLoop loop, Runnable resume) {
        this.target = target;
        this.watchpoints = new Watchpoints(target.pid(), loop);
        this.resume = resume;
    }

    @Override
    public Mechanism kind() {
        return Mechanism.WATCHPOINT;
    }

    @Override
    public Optional<String> unavailable() {
        Optional<String> missing = BreakpointDelivery.missingReason();
        if (missing.isPresent()) {
            return missing;
        }
        try {
            evalLoop();
            return Optional.empty();
        } catch (ReaderException e) {
            return Optional.of(evalLoopUnknown(e));
        }
    }

    /**
     * Refused rather than armed blind: an access is an execution only when it comes from the eval
     * loop's code (CallFilter), so a watchpoint that cannot see all of that code (in Debian's
     * 3.13+ builds nearly every opcode handler lies in a fragment split off the eval loop) would
     * count none of the calls and look as if it worked.
     */
    private String evalLoopUnknown(ReaderException e) {
        String why = e.getMessage() + ": without the eval loop's code pyprobe cannot tell executions from other "
                + "reads of the bytecode";
        return target.binary().missingSymbols().isPresent() ? why + "; " + target.debugSymbolsAdvice() : why;
    }

    @Override
    public Optional<String> unavailableFor(List<CodeLocation> locations) {
        Optional<String> here = unavailable();
        if (here.isPresent()) {
            return here;
        }
        for (CodeLocation location : locations) {
            List<String> sharers = target.sharingBytecode().apply(location);
            if (!sharers.isEmpty()) {
                return Optional.of(location.function() + " runs from the same bytecode as " + String.join(", ", sharers)
                        + " (CPython merged their identical bytecode), so a watchpoint would see their calls too");
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean tracesLines() {
        return true;
    }

    @Override
    public double microsPerTrap() {
        return 0;
    }

    /** Its symbol's range and the fragments split off it ({@link InterpreterBinary#functionCode(String)}). */
    private InterpreterBinary.CodeRanges evalLoop() {
        return target.binary().functionCode(target.layout().trace().evalLoop());
    }

    @Override
    public synchronized ArmedProbes arm(String description, List<CodeLocation> locations, TraceOptions options,
                                        ProbeHits hits) {
        if (locations.size() > watchpoints.freeRegisters()) {
            throw new TracepointException(description + " needs " + locations.size() + " hardware watchpoint(s) but "
                    + "only " + watchpoints.freeRegisters() + " of the " + Watchpoints.DEBUG_REGISTERS_PER_THREAD
                    + " debug registers per thread are free: remove another breakpoint, or name the function "
                    + "more precisely (module:Class.method)");
        }
        InterpreterBinary.CodeRanges loop;
        try {
            loop = evalLoop();
        } catch (ReaderException e) {
            throw new TracepointException(evalLoopUnknown(e), e);
        }
        List<Watchpoint> placed = new ArrayList<>();
        List<PlaceCounter> counters = new ArrayList<>();
        List<CallFilter> filters = new ArrayList<>();
        try {
            for (CodeLocation location : locations) {
                long address = location.instructionAddress();
                // 2.7's instructions have odd lengths; a watchpoint must be aligned to its length.
                int length = address % WATCH_LENGTH == 0 ? WATCH_LENGTH : 1;
                CallFilter calls = new CallFilter(loop);
                PlaceCounter counter = PlaceCounter.load(options.stopAtHit());
                counters.add(counter);
                filters.add(calls);
                placed.add(watchpoints.watch(address, length, WatchKind.READ_WRITE,
                        listener(location, calls, options.stopAtHit(), hits), counter.program()));
            }
        } catch (ReaderException e) {
            placed.forEach(Watchpoint::close);
            counters.forEach(PlaceCounter::close);
            throw new TracepointException("cannot place a hardware watchpoint for " + description + ": "
                    + e.getMessage(), e);
        }
        return new ArmedProbes() {
            @Override
            public OptionalLong kernelHits() {
                long sum = 0;
                for (int i = 0; i < counters.size(); i++) {
                    for (long place : filters.get(i).executionPlaces()) {
                        sum += counters.get(i).hitsFrom(place);
                    }
                }
                return OptionalLong.of(sum);
            }

            @Override
            public long traps() {
                return 0;
            }

            @Override
            public void close() {
                placed.forEach(Watchpoint::close);
                counters.forEach(PlaceCounter::close);
            }
        };
    }

    private WatchListener listener(CodeLocation location, CallFilter calls, boolean stopAtHit, ProbeHits hits) {
        return new WatchListener() {
            @Override
            public void onHit(Watchpoint watchpoint, int tid, long timeNanos, long ip) {
                List<CallFilter.Access> executions = calls.executions(tid, timeNanos, ip);
                boolean accessIsExecution = executions.stream().anyMatch(e -> e.timeNanos() == timeNanos && e.tid() == tid);
                if (stopAtHit && !accessIsExecution) {
                    // Stopped by an access that is not itself a call (a one-off read, or the second read of a
                    // pair that completes a call held back until then): let it run on at once.
                    resume.run();
                }
                for (CallFilter.Access e : executions) {
                    // Only the access that just happened has the process stopped.
                    boolean stopped = stopAtHit && e.timeNanos() == timeNanos && e.tid() == tid;
                    hits.hit(location, e.tid(), e.timeNanos(), stopped, 0);
                }
            }

            @Override
            public void onLost(Watchpoint watchpoint, long count) {
                hits.lost(count);
            }

            @Override
            public void onThrottled(Watchpoint watchpoint, int tid) {
                hits.problem("the kernel throttled the watchpoint on thread " + tid
                        + " (too many hits per second): some hits were not seen");
            }

            @Override
            public void onThreadFailed(Watchpoint watchpoint, int tid, ProbeException reason) {
                hits.problem("thread " + tid + " cannot carry the watchpoint: " + reason.getMessage());
            }
        };
    }

    @Override
    public synchronized void close() {
        watchpoints.close();
    }
}
