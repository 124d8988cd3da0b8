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
import java.util.function.Supplier;

/** The stacks of the target's threads: one thread's, or every thread's as one snapshot. */
public final class ThreadStacks {
    private final StackReader stacks;
    private final StackResampler resampler;
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
        this.resampler = new StackResampler(stacks);
        this.threads = threads;
        this.maps = maps;
        this.pid = pid;
        this.version = version;
    }

    public ThreadStack stack(PythonThread thread, int maxDepth) {
        StackReader.Result r = stacks.read(thread.stateAddress(), maps.get(), maxDepth);
        return new ThreadStack(thread, r.frames(), r.consistent());
    }

    /** Several threads' stacks, read together where their stacks are as last seen (see {@link StackResampler}). */
    public List<ThreadStack> stacks(List<PythonThread> threads, int maxDepth) {
        return resampler.readThreads(threads, maps.get(), maxDepth, resampler.byAgreeingCopies());
    }

    /** What a sampler at {@code rateHz} reads its stacks through, for one recording. */
    public StackSampling sampling(double rateHz) {
        return TickStacks.open(stacks, maps, pid, rateHz);
    }

    /** @param frozen the process is stopped: every stack is one moment's picture */
    public ProcessSnapshot snapshot(SnapshotOptions options, boolean frozen) {
        MemoryMap current = maps.get();
        List<ThreadStack> out = new ArrayList<>();
        for (PythonThread thread : threads.get()) {
            StackReader.Result r = stacks.read(thread.stateAddress(), current, options.maxDepth(),
                    options.framesBeingSetUp());
            out.add(new ThreadStack(thread, r.frames(), r.consistent() || frozen));
        }
        return new ProcessSnapshot(pid, version, Instant.now(), out);
    }
}
