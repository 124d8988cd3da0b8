package dev.pyprobe.reader.python.frames;

import dev.pyprobe.reader.probe.ProbeException;
import dev.pyprobe.reader.probe.bpf.ChainCopies;
import dev.pyprobe.reader.probe.bpf.ChainCopy;
import dev.pyprobe.reader.probe.bpf.ChainCopyProgram;
import dev.pyprobe.reader.proc.PidNamespaceId;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.python.PythonThread;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Python stacks as the kernel copied them while their thread was interrupted on its own CPU
 * ({@link ChainCopies}): one moment's stack by construction, however fast the thread runs, since
 * only a thread writes its own frames and it is stopped while they are copied. What a sampler
 * uses for a thread whose stack moved under its own read: the latest copy, if recent enough.
 *
 * <p>The copy follows the same path from the thread state to the innermost frame as the reader
 * ({@link HeadPath}), and copies each frame's header as {@link FrameFormat} decodes it, so what
 * comes out is the reader's own {@link StackReader.Chain}. A thread interrupted halfway through
 * linking a generator's frame shows a chain that ends at that frame; such a copy is not used.
 */
final class KernelChains implements AutoCloseable {
    static final String SWITCH_ENV = "PYPROBE_KERNEL_COPIES";
    static final String SWITCH_PROPERTY = "pyprobe.kernelCopies";
    /** Threads one recording follows at most; beyond that, the others are read by the reader alone. */
    private static final int MAX_THREADS = 1024;

    private final ChainCopies copies;
    private final StackReader reader;
    private final FrameFormat format;
    private final List<Integer> path;
    /** Each watched thread's state, by its id in the target's PID namespace. */
    private final Map<Integer, Long> watched = new HashMap<>();
    private final AtomicLong used = new AtomicLong();
    /** Why the last thread that could not be watched was refused (null when none was). */
    private volatile String watchFailure;

    private KernelChains(ChainCopies copies, StackReader reader, List<Integer> path) {
        this.copies = copies;
        this.reader = reader;
        this.format = reader.decoder().format();
        this.path = path;
    }

    /**
     * Copies followed threads of the target {@code pid} that run, every {@code periodNanos}; throws
     * a ProbeException that says why when the kernel refuses, or when {@code PYPROBE_KERNEL_COPIES}
     * (or the property {@code pyprobe.kernelCopies}) is {@code off}, which makes pyprobe act as on a
     * machine without BPF (to compare, or to test that case).
     */
    static KernelChains open(StackReader reader, int pid, long periodNanos) {
        if ("off".equals(System.getProperty(SWITCH_PROPERTY, System.getenv(SWITCH_ENV)))) {
            throw new ProbeException("turned off (" + SWITCH_ENV + "=off)");
        }
        PidNamespaceId namespace;
        try {
            namespace = PidNamespaceId.of(pid);
        } catch (IOException e) {
            throw new ProbeException("the target's PID namespace cannot be read: " + e);
        }
        FrameFormat format = reader.decoder().format();
        List<Integer> path = reader.threadLayout().currentFrame();
        ChainCopyProgram.Params params = new ChainCopyProgram.Params(path.subList(0, path.size() - 1),
                path.get(path.size() - 1), format.headerSize(), format.link());
        return new KernelChains(ChainCopies.open(params, namespace, periodNanos, MAX_THREADS), reader, path);
    }

    /** Copies the stacks of {@code threads} from now on, and no longer those of threads not in it. */
    void follow(List<PythonThread> threads) {
        Map<Integer, Long> wanted = new HashMap<>();
        for (PythonThread t : threads) {
            // Named as in the target's own namespace, where the program asks for them.
            int tid = t.namespaceTid() != 0 ? t.namespaceTid() : t.nativeId();
            if (tid != 0 && wanted.size() < MAX_THREADS) {
                wanted.put(tid, t.stateAddress());
            }
        }
        Set<Integer> gone = new HashSet<>(watched.keySet());
        for (int tid : gone) {
            Long state = wanted.get(tid);
            if (state == null || state != (long) watched.get(tid)) {
                copies.unwatch(tid);
                copies.forgetCopies(watched.remove(tid));
            }
        }
        wanted.forEach((tid, state) -> {
            if (!watched.containsKey(tid)) {
                try {
                    copies.watch(tid, state);
                    watched.put(tid, state);
                } catch (ProbeException e) {
                    watchFailure = "thread " + tid + " could not be watched: " + e.getMessage();
                }
            }
        });
    }

    /** Takes in the copies written so far; then {@link #latest} sees them. */
    void collect() {
        copies.collect();
    }

    /**
     * The thread's stack as last copied, if copied at or after {@code notBeforeNanos} and usable
     * (read whole, as deep as {@code maxDepth} asks or to its end); null otherwise.
     */
    StackReader.Chain latest(long threadState, long notBeforeNanos, int maxDepth) {
        ChainCopy copy = copies.latest(threadState, notBeforeNanos).orElse(null);
        StackReader.Chain chain = copy == null ? null : chainOf(copy, maxDepth);
        if (chain != null) {
            used.incrementAndGet();
        }
        return chain;
    }

    private StackReader.Chain chainOf(ChainCopy copy, int maxDepth) {
        switch (copy.end()) {
            case NO_CHAIN:
                return new StackReader.Chain(HeadPath.NONE, List.of(), true);
            case UNREADABLE:
                return null;
            case DEEPER:
                if (copy.count() < maxDepth) {
                    return null;
                }
                break;
            default:
                break;
        }
        int n = Math.min(copy.count(), maxDepth);
        List<RawFrame> frames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long address = copy.address(i);
            frames.add(format.decode(new RemoteBytes(address, copy.record(i)), address));
        }
        if (n == copy.count() && !reader.endsWhereAStackCanEnd(frames)) {
            return null;
        }
        return new StackReader.Chain(headPath(copy), frames, true);
    }

    /** The path the copy followed, as {@link HeadPath#follow} would have recorded it. */
    private HeadPath headPath(ChainCopy copy) {
        long[] values = copy.hopValues();
        long[] hops = new long[values.length];
        long base = copy.base();
        for (int i = 0; i < values.length; i++) {
            hops[i] = base + path.get(i);
            base = values[i];
        }
        return new HeadPath(hops, values, base + path.get(path.size() - 1));
    }

    /** Why a thread that should be copied is not, or null when every one followed is. */
    String watchFailure() {
        return watchFailure;
    }

    /** Time the kernel spent copying, where it counts it ({@link ChainCopies#copyNanos}). */
    long copyNanos() {
        return copies.copyNanos();
    }

    /** Stacks taken from the kernel's copies so far. */
    long used() {
        return used.get();
    }

    @Override
    public void close() {
        copies.close();
    }
}
