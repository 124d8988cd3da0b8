package dev.pyprobe.reader.python.frames;

import dev.pyprobe.reader.proc.MemoryMap;
import dev.pyprobe.reader.python.ProcessSnapshot;
import dev.pyprobe.reader.python.PythonThread;
import dev.pyprobe.reader.python.PythonVersion;
import dev.pyprobe.reader.python.SnapshotOptions;
import dev.pyprobe.reader.python.StackSampling;
import dev.pyprobe.reader.python.ThreadStack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The stacks of the target's threads: one thread's, or every thread's as one snapshot. */
public final class ThreadStacks {
    private final StackReader stacks;
    private final OneShotCopies copies;
    private final Supplier<List<PythonThread>> threads;
    private final Supplier<MemoryMap> maps;
    private final int pid;
    private final PythonVersion version;

    /**
     * @param threads lists the threads now
     * @param maps    a recent memory map of the target (it only guides how much to read at once)
     */
    public ThreadStacks(StackReader stacks, Supplier<List<PythonThread>> threads, Supplier<MemoryMap> maps, int pid,
                        PythonVersion version) {
        this.stacks = stacks;
        this.copies = new OneShotCopies(stacks, pid);
        this.threads = threads;
        this.maps = maps;
        this.pid = pid;
        this.version = version;
    }

    /**
     * One thread's stack as one walk finds it, consistent when the thread was blocked throughout:
     * quick, with no wait for the kernel's copy of a running thread (see {@link #stacks}).
     */
    public ThreadStack stack(PythonThread thread, int maxDepth) {
        StackReader.Result r = stacks.read(thread.stateAddress(), thread.nativeId(), maps.get(), maxDepth, false);
        return new ThreadStack(thread, r.frames(), r.consistent());
    }

    /**
     * Several threads' stacks, each proven one moment's where it can be: a thread blocked while it
     * was read is, and a running one is taken from the kernel's copy ({@link OneShotCopies}) where
     * the kernel makes one; any other is as read, not consistent.
     */
    public List<ThreadStack> stacks(List<PythonThread> threads, int maxDepth) {
        return stacks(threads, maps.get(), maxDepth, false);
    }

    private List<ThreadStack> stacks(List<PythonThread> threads, MemoryMap current, int maxDepth,
                                     boolean framesBeingSetUp) {
        List<StackReader.Chain> chains = new ArrayList<>(threads.size());
        List<PythonThread> running = new ArrayList<>();
        for (PythonThread thread : threads) {
            StackReader.Chain chain = stacks.readChain(thread.stateAddress(), thread.nativeId(), current, maxDepth);
            chains.add(chain);
            if (!chain.consistent()) {
                running.add(thread);
            }
        }
        Map<Long, StackReader.Chain> copied = copies.copy(running, maxDepth);
        List<ThreadStack> out = new ArrayList<>(threads.size());
        for (int i = 0; i < threads.size(); i++) {
            PythonThread thread = threads.get(i);
            StackReader.Result r = stacks.decode(copied.getOrDefault(thread.stateAddress(), chains.get(i)),
                    framesBeingSetUp);
            out.add(new ThreadStack(thread, r.frames(), r.consistent()));
        }
        return out;
    }

    /** What a sampler at {@code rateHz} reads its stacks through, for one recording. */
    public StackSampling sampling(double rateHz) {
        return TickStacks.open(stacks, maps, pid, rateHz);
    }

    /** @param frozen the process is stopped: every stack is one moment's picture */
    public ProcessSnapshot snapshot(SnapshotOptions options, boolean frozen) {
        List<ThreadStack> read = stacks(threads.get(), maps.get(), options.maxDepth(), options.framesBeingSetUp());
        List<ThreadStack> out = new ArrayList<>(read.size());
        for (ThreadStack stack : read) {
            out.add(new ThreadStack(stack.thread(), stack.frames(), stack.consistent() || frozen));
        }
        return new ProcessSnapshot(pid, version, Instant.now(), out);
    }
}
