package dev.pyprobe.reader.python.frames;

import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.python.PythonThread;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The kernel's copies of running threads' stacks for one read of them (a dump, a pause): opens
 * {@link KernelChains} at its shortest period, waits until each thread has been copied since, or
 * {@link #WAIT_NANOS} passed, and closes them again, so nothing stays in the kernel between reads.
 * A thread that waits for a CPU all that time is not copied; one that blocks meanwhile is copied
 * when it next runs, if it runs in time.
 */
final class OneShotCopies {
    private static final long PERIOD_NANOS = 250_000;
    private static final long POLL_NANOS = 500_000;
    /** How long a read waits for copies: 200 timer periods, and short enough for a dump or a pause. */
    private static final long WAIT_NANOS = 50_000_000;

    private final StackReader reader;
    private final int pid;

    OneShotCopies(StackReader reader, int pid) {
        this.reader = reader;
        this.pid = pid;
    }

    /** The chain of each of {@code threads} that the kernel copied, by thread state. */
    Map<Long, StackReader.Chain> copy(List<PythonThread> threads, int maxDepth) {
        Map<Long, StackReader.Chain> out = new HashMap<>();
        if (threads.isEmpty()) {
            return out;
        }
        long opened = System.nanoTime();
        try (KernelChains kernel = KernelChains.open(reader, pid, PERIOD_NANOS)) {
            kernel.follow(threads);
            while (out.size() < threads.size() && System.nanoTime() - opened < WAIT_NANOS) {
                LockSupport.parkNanos(POLL_NANOS);
                kernel.collect();
                for (PythonThread t : threads) {
                    StackReader.Chain chain = out.containsKey(t.stateAddress()) ? null
                            : kernel.latest(t.stateAddress(), opened, maxDepth);
                    if (chain != null) {
                        out.put(t.stateAddress(), chain);
                    }
                }
            }
        } catch (ProbeException e) {
            // No BPF here (or copies turned off): those stacks stay as read, not consistent.
        }
        return out;
    }
}
