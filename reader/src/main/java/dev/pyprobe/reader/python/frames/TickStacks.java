package dev.pyprobe.reader.python.frames;

import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.proc.MemoryMap;
import dev.pyprobe.reader.proc.PidNamespaceId;
import dev.pyprobe.reader.python.PythonThread;
import dev.pyprobe.reader.python.StackSampling;
import dev.pyprobe.reader.python.ThreadStack;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link StackSampling} from the {@link StackResampler} and, where the kernel allows it, the
 * {@link KernelChains} of the recording.
 *
 * <p>Rates: the kernel's timer ticks on every CPU at the sampling rate, and at most every 250 us
 * (4 kHz): a copy of a 30-frame stack costs the interrupted thread about 3 us, and each tick
 * interrupts whatever runs on each CPU, the target's other threads too (at twice the rate, the
 * target's speed at 100 Hz fell by about 2%; at the rate it is within noise). A copy serves a
 * tick when it is at most two intervals (or two timer periods) old: a thread that ran all along
 * has one from the last interval; older, it may show a stack the thread left long ago.
 */
final class TickStacks implements StackSampling {
    /** {@code off} in either makes the sampler act as where the kernel cannot copy stacks (to compare, or to test that case). */
    static final String SWITCH_ENV = "PYPROBE_KERNEL_COPIES";
    static final String SWITCH_PROPERTY = "pyprobe.kernelCopies";
    private static final long MIN_COPY_PERIOD_NANOS = 250_000;
    private static final long MAX_COPY_PERIOD_NANOS = 1_000_000_000;

    private final StackResampler resampler;
    private final Supplier<MemoryMap> maps;
    private final KernelChains kernel;
    private final String kernelOff;
    private final long freshNanos;

    private TickStacks(StackResampler resampler, Supplier<MemoryMap> maps, KernelChains kernel, String kernelOff,
                       long freshNanos) {
        this.resampler = resampler;
        this.maps = maps;
        this.kernel = kernel;
        this.kernelOff = kernelOff;
        this.freshNanos = freshNanos;
    }

    static TickStacks open(StackResampler resampler, StackReader reader, Supplier<MemoryMap> maps, int pid,
                           double rateHz) {
        if ("off".equals(System.getProperty(SWITCH_PROPERTY, System.getenv(SWITCH_ENV)))) {
            return new TickStacks(resampler, maps, null, "turned off (" + SWITCH_ENV + "=off)", 0);
        }
        long interval = (long) (1e9 / rateHz);
        long period = Math.max(MIN_COPY_PERIOD_NANOS, Math.min(MAX_COPY_PERIOD_NANOS, interval));
        try {
            KernelChains kernel = KernelChains.open(reader, reader.threadLayout(), PidNamespaceId.of(pid), period);
            return new TickStacks(resampler, maps, kernel, null, 2 * Math.max(interval, period));
        } catch (ProbeException e) {
            return new TickStacks(resampler, maps, null, e.getMessage(), 0);
        } catch (IOException e) {
            return new TickStacks(resampler, maps, null, "the target's PID namespace cannot be read: " + e, 0);
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
        StackResampler.RecentChains recent = StackResampler.RecentChains.NONE;
        if (kernel != null) {
            kernel.collect();
            long notBefore = System.nanoTime() - freshNanos;
            recent = (state, depth) -> kernel.latest(state, notBefore, depth);
        }
        return resampler.readThreads(threads, maps.get(), maxDepth, recent);
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
