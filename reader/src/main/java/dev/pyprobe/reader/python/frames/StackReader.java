package dev.pyprobe.reader.python.frames;

import dev.pyprobe.reader.InconsistentStateException;
import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.MemoryMap;
import dev.pyprobe.reader.proc.OffCpuWitness;
import dev.pyprobe.reader.proc.ReadBatch;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.code.CodeObjectCache;
import dev.pyprobe.reader.python.layout.Layout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the Python stack of one thread without stopping it, and says whether what it read is one
 * moment's stack.
 *
 * <p>Read from outside, a stack takes several reads (the head pointer, then frame after frame),
 * and only the thread writes its frames. So a read is one moment's when the thread wrote nothing
 * during it: when the kernel shows it blocked before the read and not switched in since
 * ({@link OffCpuWitness}). A thread that runs cannot be vouched for this way, however the reads
 * agree: busy.py's spinner comes back to the same frames, at the same addresses, with the same
 * instructions, many times a millisecond, and two copies of its stack read one after the other
 * agreed on a generator under a caller line that does not call it (about 1 read in 5000). Its
 * stack comes from the kernel's copy instead ({@link KernelChains}), made while the thread was
 * interrupted on its own CPU, or is marked not consistent.
 */
public final class StackReader {
    private static final int WALK_ATTEMPTS = 3;
    private static final int MAX_REMEMBERED_THREADS = 4096;

    private final RemoteMemory memory;
    private final Layout.Thread threadLayout;
    private final FrameFormat format;
    private final CodeObjectCache codes;
    private final FrameDecoder decoder;
    private final OffCpuWitness witness;
    /** Frame addresses of each thread's last stack proven whole, by thread state. */
    private final Map<Long, long[]> lastChains = new ConcurrentHashMap<>();

    public StackReader(RemoteMemory memory, Layout.Thread threadLayout, FrameDecoder decoder) {
        this.memory = memory;
        this.threadLayout = threadLayout;
        this.decoder = decoder;
        this.format = decoder.format();
        this.codes = decoder.codes();
        this.witness = new OffCpuWitness(memory.pid());
    }

    Layout.Thread threadLayout() {
        return threadLayout;
    }

    RemoteMemory memory() {
        return memory;
    }

    FrameDecoder decoder() {
        return decoder;
    }

    /** A stack read: frames innermost first, and whether it is one moment's picture. */
    public record Result(List<PythonFrame> frames, boolean consistent) {
    }

    /**
     * @param tid              the thread's id on this host (0 when unknown: nothing is vouched for)
     * @param framesBeingSetUp keep 3.11+ frames that have not started their first instruction
     */
    public Result read(long threadState, int tid, MemoryMap maps, int maxDepth, boolean framesBeingSetUp) {
        Chain chain = readChain(threadState, tid, maps, maxDepth);
        return decode(chain, framesBeingSetUp);
    }

    Result decode(Chain chain, boolean framesBeingSetUp) {
        return new Result(decoder.decode(chain.frames(), framesBeingSetUp), chain.consistent());
    }

    /**
     * A chain as read: the head path it was read through, its raw frames innermost first, and
     * whether they are one moment's picture.
     */
    record Chain(HeadPath head, List<RawFrame> frames, boolean consistent) {
        /** Nothing read. */
        static final Chain NONE = new Chain(HeadPath.NONE, List.of(), false);
    }

    /**
     * The thread's chain as one walk finds it: consistent when the thread was blocked throughout
     * (and the chain ends where a stack can end), else as read; {@link Chain#NONE} when the walk
     * led nowhere.
     */
    Chain readChain(long threadState, int tid, MemoryMap maps, int maxDepth) {
        for (int attempt = 0; attempt < WALK_ATTEMPTS; attempt++) {
            Chain chain = walk(threadState, witness.blockedNow(tid), maps, maxDepth);
            if (chain != null) {
                return chain;
            }
        }
        return Chain.NONE;
    }

    /**
     * The thread's chain as {@link #readChain} reads it, if the kernel shows the thread blocked
     * now; null, with nothing read, when it runs or could run.
     */
    Chain readIfBlocked(long threadState, int tid, MemoryMap maps, int maxDepth) {
        OffCpuWitness.Blocked blocked = witness.blockedNow(tid);
        if (blocked == null) {
            return null;
        }
        Chain chain = walk(threadState, blocked, maps, maxDepth);
        return chain != null ? chain : Chain.NONE;
    }

    /** One walk, consistent when {@code blocked} (may be null) held throughout; null when it led nowhere. */
    private Chain walk(long threadState, OffCpuWitness.Blocked blocked, MemoryMap maps, int maxDepth) {
        try {
            HeadPath head = HeadPath.follow(memory, threadLayout, threadState);
            List<RawFrame> frames = blocked == null ? null : lastChain(threadState, head, maxDepth);
            if (frames == null) {
                frames = new ArrayList<>();
                walkInto(frames, head.slot(), maps, maxDepth);
            }
            boolean still = blocked != null && witness.stillBlocked(blocked) && endsWhereAStackCanEnd(frames);
            if (still) {
                remember(threadState, frames);
            }
            return new Chain(head, frames, still);
        } catch (MemoryReadException | InconsistentStateException e) {
            return null; // a pointer read mid-change led nowhere (or in a circle): the thread moved
        }
    }

    /**
     * A running generator or coroutine always has a caller, so a chain that stops at one's frame
     * was read while it was between a yield and its next resumption: it is torn.
     */
    boolean endsWhereAStackCanEnd(List<RawFrame> walk) {
        if (walk.isEmpty()) {
            return true;
        }
        RawFrame last = walk.get(walk.size() - 1);
        if (format.ownedByGenerator(last)) {
            return false;
        }
        try {
            return last.code() == 0 || format.isShim(last) || !codes.get(last.code()).isSuspendable();
        } catch (MemoryReadException e) {
            return true; // not code (a 3.13 entry frame): not a generator either
        }
    }

    /**
     * Most threads wait, so their stacks do not change between reads: the head pointer and every
     * frame of the thread's last chain proven whole, in one system call. Null unless they still
     * link up from the head to the end; read while the thread stood still, they are its stack.
     */
    private List<RawFrame> lastChain(long threadState, HeadPath head, int maxDepth) {
        long[] chain = lastChains.get(threadState);
        if (chain == null || chain.length > maxDepth || head.slot() == 0) {
            return null;
        }
        ReadBatch batch = new ReadBatch();
        ReadBatch.Request headPointer = batch.add(head.slot(), 8);
        List<ReadBatch.Request> headers = new ArrayList<>(chain.length);
        for (long address : chain) {
            headers.add(batch.add(address, format.headerSize()));
        }
        memory.read(batch);
        if (headPointer.failed() || headPointer.bytes().i64(0) != (chain.length == 0 ? 0 : chain[0])) {
            return null;
        }
        List<RawFrame> frames = new ArrayList<>(chain.length);
        for (int i = 0; i < chain.length; i++) {
            ReadBatch.Request header = headers.get(i);
            if (header.failed()) {
                return null;
            }
            RawFrame frame = format.decode(header.bytes(), chain[i]);
            if (frame.link() != (i + 1 < chain.length ? chain[i + 1] : 0)) {
                return null;
            }
            frames.add(frame);
        }
        return frames;
    }

    private void remember(long threadState, List<RawFrame> chain) {
        if (lastChains.size() >= MAX_REMEMBERED_THREADS) {
            lastChains.clear(); // thread states come and go; start over rather than grow
        }
        lastChains.put(threadState, chain.stream().mapToLong(RawFrame::address).toArray());
    }

    /** Follows the chain into {@code frames}. */
    private void walkInto(List<RawFrame> frames, long headSlot, MemoryMap maps, int maxDepth) {
        if (headSlot == 0) {
            return;
        }
        FrameWindow window = new FrameWindow(memory, maps, format.headerSize(), !format.objectFrames());
        Set<Long> seen = new HashSet<>();
        long address = memory.readLong(headSlot);
        while (address != 0 && frames.size() < maxDepth) {
            if (!seen.add(address)) {
                throw new InconsistentStateException(String.format("frame chain loops at 0x%x", address));
            }
            RawFrame frame = format.decode(window.at(address), address);
            frames.add(frame);
            address = frame.link();
        }
    }
}
