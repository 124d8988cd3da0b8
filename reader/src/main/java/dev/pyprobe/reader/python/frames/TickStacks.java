package dev.pyprobe.reader.python.frames;

import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.proc.MemoryMap;
import dev.pyprobe.reader.python.PythonThread;
import dev.pyprobe.reader.python.StackSampling;
import dev.pyprobe.reader.python.ThreadStack;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link StackSampling} from the {@link StackResampler} and, where the kernel allows it, the
 * {@link KernelChains} of the recording. A thread whose stack moved is read while the kernel shows
 * it blocked ({@link StackReader#readIfBlocked}), or taken from its latest kernel copy, or
 * dropped: two copies of a running thread's stack that agree are no proof that it had that stack
 * (a loop that returns to the same frames at the same addresses between the reads of a caller and
 * its callee made busy.py's spinner show a call it never makes, 1 to 3 times in 10000 samples).
 *
 * <p>Rates: the kernel's timer ticks on every CPU at the sampling rate, and at most every 250 us
 * (4 kHz): a copy of a 30-frame stack costs the interrupted thread about 3 us, and each tick
 * interrupts whatever runs on each CPU, the target's other threads too (at twice the rate, the
 * target's speed at 100 Hz fell by about 2%; at the rate it is within noise). A copy serves a
 * tick when it is at most two intervals (or two timer periods) old, and never less than 20 ms: a
 * thread that ran all along has one from the last interval; one that waits for a CPU, preempted,
 * still has the stack of its last copy but no newer one (on a loaded two-core machine, sampled as
 * fast as it goes, a 500 us limit dropped 98% of busy.py's spinner); older than that, a copy may
 * show a stack the thread left long ago.
 */
final class TickStacks implements StackSampling {
    private static final long MIN_COPY_PERIOD_NANOS = 250_000;
    private static final long MAX_COPY_PERIOD_NANOS = 1_000_000_000;
    private static final long MIN_FRESH_NANOS = 20_000_000;

    private final StackReader reader;
    private final StackResampler resampler;
    private final Supplier<MemoryMap> maps;
    private final KernelChains kernel;
    private final String kernelOff;
    private final long freshNanos;

    private TickStacks(StackReader reader, Supplier<MemoryMap> maps, KernelChains kernel, String kernelOff,
                       long freshNanos) {
        this.reader = reader;
        // A recording's own resampler: every last stack it compares with was proven one moment's.
        this.resampler = new StackResampler(reader);
        this.maps = maps;
        this.kernel = kernel;
        this.kernelOff = kernelOff;
        this.freshNanos = freshNanos;
    }

    static TickStacks open(StackReader reader, Supplier<MemoryMap> maps, int pid, double rateHz) {
        long interval = (long) (1e9 / rateHz);
        long period = Math.max(MIN_COPY_PERIOD_NANOS, Math.min(MAX_COPY_PERIOD_NANOS, interval));
        try {
            KernelChains kernel = KernelChains.open(reader, pid, period);
            long fresh = Math.max(MIN_FRESH_NANOS, 2 * Math.max(interval, period));
            return new TickStacks(reader, maps, kernel, null, fresh);
        } catch (ProbeException e) {
            return new TickStacks(reader, maps, null, e.getMessage(), 0);
        }
    }

    @Override
    public void follow(List<PythonThread> threads) {
        if (kernel != null) {
            kernel.follow(threads);
        }
    }

    @Override
    public List<ThreadStack> stacks(List<PythonThread> threads, int maxDepth) {
        if (kernel != null) {
            kernel.collect();
        }
        long notBefore = System.nanoTime() - freshNanos;
        return resampler.readThreads(threads, maps.get(), maxDepth, (state, tid, current, depth) -> {
            StackReader.Chain walked = reader.readIfBlocked(state, tid, current, depth);
            if (walked != null && walked.consistent()) {
                return walked; // the stack it has now, where a copy may be from before it blocked
            }
            StackReader.Chain copied = kernel == null ? null : kernel.latest(state, notBefore, depth);
            return copied != null ? copied : StackReader.Chain.NONE;
        });
    }

    @Override
    public Optional<String> kernelCopiesOff() {
        return Optional.ofNullable(kernel == null ? kernelOff : kernel.watchFailure());
    }

    @Override
    public long kernelCopiesUsed() {
        return kernel == null ? 0 : kernel.used();
    }

    @Override
    public long kernelCopyNanos() {
        return kernel == null ? 0 : kernel.copyNanos();
    }

    @Override
    public void close() {
        if (kernel != null) {
            kernel.close();
        }
    }
}
