package dev.pyprobe.reader.probe.bpf;

import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.perf.EventListener;
import dev.pyprobe.reader.probe.perf.EventLoop;
import dev.pyprobe.reader.probe.perf.Kernel;
import dev.pyprobe.reader.probe.perf.PerfEvent;
import dev.pyprobe.reader.probe.perf.Sample;
import dev.pyprobe.reader.probe.perf.SampleFormat;
import dev.pyprobe.reader.proc.PidNamespaceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies of the chains of watched threads, taken by {@link ChainCopyProgram} at a timer on every
 * CPU, of which the latest per thread is kept. At each tick the program looks the interrupted
 * thread up among the watched ones and copies its chain if it is one of them: a thread that does
 * not run is not copied, so the copies cost the target in proportion to the CPU it uses, and
 * nothing while it waits; other threads pay one table lookup per tick.
 */
public final class ChainCopies implements AutoCloseable {
    private final ChainCopyProgram.Params params;
    private final EventLoop loop;
    private final BpfOutput output;
    private final BpfMap paramRow;
    private final BpfHashMap threads;
    private final BpfScratch scratch;
    private final BpfProgram program;
    private final List<PerfEvent> timers;
    private final Set<Integer> watched = new HashSet<>();
    private final Latest latest;

    private ChainCopies(ChainCopyProgram.Params params, Latest latest, EventLoop loop, BpfOutput output,
                        BpfMap paramRow, BpfHashMap threads, BpfScratch scratch, BpfProgram program,
                        List<PerfEvent> timers) {
        this.params = params;
        this.latest = latest;
        this.timers = timers;
        this.loop = loop;
        this.output = output;
        this.paramRow = paramRow;
        this.threads = threads;
        this.scratch = scratch;
        this.program = program;
    }

    /**
     * Loads the program for chains described by {@code params}, to run every {@code periodNanos}
     * on every CPU, for threads of the PID namespace {@code namespace}. Needs CAP_BPF and
     * CAP_PERFMON (root); the
     * {@link dev.pyprobe.reader.probe.ProbeException} says what the kernel refused.
     *
     * @param capacity how many threads may be watched at once
     */
    public static ChainCopies open(ChainCopyProgram.Params params, PidNamespaceId namespace, long periodNanos,
                                   int capacity) {
        try (Opening o = new Opening()) {
            o.loop = new EventLoop("pyprobe-chain-copies", Duration.ofMillis(100));
            o.paramRow = BpfMap.slots(ChainCopyProgram.PARAM_SLOTS);
            o.paramRow.setAll(params.row(namespace.dev(), namespace.ino()));
            o.threads = BpfHashMap.table(capacity, "a BPF table of " + capacity + " threads");
            o.scratch = BpfScratch.of(ChainCopyProgram.MAX_COPY_BYTES);
            Latest latest = new Latest();
            o.output = BpfOutput.open(o.loop, latest, SampleFormat.withData(ChainCopyProgram.MAX_COPY_BYTES));
            o.program = BpfProgram.load(BpfProgram.TYPE_PERF_EVENT, "pyprobe_chains",
                    ChainCopyProgram.assemble(o.paramRow, o.threads, o.scratch, o.output));
            for (int cpu = 0; cpu < BpfOutput.possibleCpus(); cpu++) {
                PerfEvent timer;
                try {
                    timer = PerfEvent.cpuClock(cpu, periodNanos);
                } catch (ProbeException e) {
                    if (e.errno() == Kernel.ENODEV || e.errno() == Kernel.EINVAL) {
                        continue; // a possible CPU that is offline
                    }
                    throw e;
                }
                o.timers.add(timer);
                BpfProgram.runAt(timer, o.program).enable();
            }
            ChainCopies copies = new ChainCopies(params, latest, o.loop, o.output, o.paramRow, o.threads, o.scratch,
                    o.program, List.copyOf(o.timers));
            o.done = true;
            return copies;
        }
    }

    /**
     * Starts copying thread {@code tid} (as its PID namespace names it), whose chain starts from
     * {@code base}; a thread already watched now starts from there.
     */
    public synchronized void watch(int tid, long base) {
        threads.put(tid, base);
        watched.add(tid);
    }

    /** Stops copying thread {@code tid}; its last copy stays until {@link #forgetCopies}. */
    public synchronized void unwatch(int tid) {
        if (watched.remove(tid)) {
            threads.remove(tid);
        }
    }

    public synchronized Set<Integer> watched() {
        return Set.copyOf(watched);
    }

    /** Drops the copies of chains starting from {@code base} (a thread that is gone). */
    public void forgetCopies(long base) {
        latest.byBase.remove(base);
    }

    /** Takes in every copy the kernel has written so far. */
    public void collect() {
        loop.drainNow();
    }

    /**
     * The latest copy collected of the chain from {@code base}, if it was taken at or after
     * {@code notBeforeNanos} (CLOCK_MONOTONIC, as {@code System.nanoTime()}).
     */
    public Optional<ChainCopy> latest(long base, long notBeforeNanos) {
        Sample sample = latest.byBase.get(base);
        if (sample == null) {
            return Optional.empty();
        }
        return ChainCopy.parse(sample.data(), params).filter(copy -> copy.timeNanos() - notBeforeNanos >= 0);
    }

    /** Copies delivered so far. */
    public long received() {
        return latest.received.get();
    }

    /** Time the kernel spent copying so far, while {@link BpfRunTime} counted it (else 0). */
    public long copyNanos() {
        return BpfRunTime.of(program);
    }

    /** Copies the kernel dropped because a ring was full. */
    public long lost() {
        return latest.lost.get();
    }

    @Override
    public synchronized void close() {
        timers.forEach(PerfEvent::close);
        output.close();
        loop.close();
        program.close();
        scratch.close();
        threads.close();
        paramRow.close();
    }

    /** The latest copy of each thread, by its base, as the rings delivered it (parsed when asked for). */
    private static final class Latest implements EventListener {
        final Map<Long, Sample> byBase = new ConcurrentHashMap<>();
        final AtomicLong received = new AtomicLong();
        final AtomicLong lost = new AtomicLong();

        @Override
        public void onSample(PerfEvent source, Sample sample) {
            if (sample.data() != null) {
                received.incrementAndGet();
                byBase.put(sample.value(), sample);
            }
        }

        @Override
        public void onLost(PerfEvent source, long count) {
            lost.addAndGet(count);
        }

        @Override
        public void onThrottled(PerfEvent source) {
            // Output rings are not throttled; a throttled timer has no ring to say so in.
        }
    }

    /** What {@link #open} has made so far, closed in reverse unless the opening completed. */
    private static final class Opening implements AutoCloseable {
        EventLoop loop;
        BpfMap paramRow;
        BpfHashMap threads;
        BpfScratch scratch;
        BpfOutput output;
        BpfProgram program;
        final List<PerfEvent> timers = new ArrayList<>();
        boolean done;

        @Override
        public void close() {
            if (done) {
                return;
            }
            timers.forEach(PerfEvent::close);
            for (AutoCloseable c : new AutoCloseable[] {program, output, loop, scratch, threads, paramRow}) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        // the opening failed already; that failure is the one to report
                    }
                }
            }
        }
    }
}
