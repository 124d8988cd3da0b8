package dev.pyprobe.reader.python.frames;

import dev.pyprobe.reader.InconsistentStateException;
import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.MemoryMap;
import dev.pyprobe.reader.proc.ReadBatch;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.code.CodeObjectCache;
import dev.pyprobe.reader.python.layout.Layout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * Reads the Python stack of one thread without stopping it, and never returns a torn stack
 * (frames from two moments) as consistent.
 *
 * <p>How: walk the chain once (pass 1), then read the path to the head, the head pointer and
 * every frame header twice over in a single batched system call (pass 2). If both copies show
 * the same chain (same path, frames, links and code objects) and no caller's instruction moved
 * between them, then every caller stayed suspended in its call while it was read, and the
 * instruction pointers of pass 2 are used. If anything changed, the thread moved while it was
 * read: walk again, a few times, then report the last walk as not consistent.
 *
 * <p>Why the path matters: on 3.11 and 3.12 the head lives in a C-stack record of the running
 * evaluation call. When a generator's evaluation returns, its record is dead stack memory that
 * still names the generator's frame, which still links to its old caller: without re-reading the
 * path, a stack such as "generate called from a line that does not call it" passed as one moment.
 * Why twice: a fast loop can leave and re-enter the same generator, at the same addresses, within
 * one system call; its callers' instructions between the copies show that it did. Without
 * stopping the thread this stays a strong check, not a proof: on Debian's 3.11 running busy.py's
 * spinner, a few reads in 20000 still show a generator under a caller line that does not call it
 * (41 before the path was re-read, none seen on pyenv's 3.12).
 */
public final class StackReader {
    private static final int ATTEMPTS = 5;
    private static final int MAX_REMEMBERED_THREADS = 4096;

    private final RemoteMemory memory;
    private final Layout.Thread threadLayout;
    private final FrameFormat format;
    private final CodeObjectCache codes;
    private final FrameDecoder decoder;
    /** Frame addresses of each thread's last consistent stack, by thread state. */
    private final Map<Long, long[]> lastChains = new ConcurrentHashMap<>();

    public StackReader(RemoteMemory memory, Layout.Thread threadLayout, FrameDecoder decoder) {
        this.memory = memory;
        this.threadLayout = threadLayout;
        this.decoder = decoder;
        this.format = decoder.format();
        this.codes = decoder.codes();
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

    public Result read(long threadState, MemoryMap maps, int maxDepth) {
        return read(threadState, maps, maxDepth, false);
    }

    /** @param framesBeingSetUp keep 3.11+ frames that have not started their first instruction */
    public Result read(long threadState, MemoryMap maps, int maxDepth, boolean framesBeingSetUp) {
        Chain chain = readChain(threadState, maps, maxDepth, true);
        return new Result(decoder.decode(chain.frames(), framesBeingSetUp), chain.consistent());
    }

    /**
     * A chain as read: the head path it was read through, its raw frames innermost first, and
     * whether they are one moment's picture.
     */
    record Chain(HeadPath head, List<RawFrame> frames, boolean consistent) {
        /** No stack that can be shown as one moment's. */
        static final Chain NONE = new Chain(HeadPath.NONE, List.of(), false);
    }

    /** @param knownChainFirst try the thread's last chain before walking (not when it is known to have changed) */
    Chain readChain(long threadState, MemoryMap maps, int maxDepth, boolean knownChainFirst) {
        List<RawFrame> walk = new ArrayList<>();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            walk = new ArrayList<>();
            try {
                HeadPath head = HeadPath.follow(memory, threadLayout, threadState);
                List<RawFrame> known = attempt == 0 && knownChainFirst ? readLastChain(threadState, head, maxDepth) : null;
                if (known != null) {
                    return new Chain(head, known, true);
                }
                walkInto(walk, head.slot(), maps, maxDepth);
                List<RawFrame> again = endsWhereAStackCanEnd(walk) ? reread(head, walk) : null;
                if (again != null) {
                    remember(threadState, again);
                    return new Chain(head, again, true);
                }
            } catch (MemoryReadException | InconsistentStateException e) {
                // A pointer read mid-change led nowhere (or in a circle): the thread moved; read again.
            }
        }
        return new Chain(HeadPath.NONE, walk, false);
    }

    /**
     * The chain as one walk finds it, with no check that it is one moment's (consistent is false);
     * null when the walk led nowhere.
     */
    Chain walk(long threadState, MemoryMap maps, int maxDepth) {
        try {
            HeadPath head = HeadPath.follow(memory, threadLayout, threadState);
            List<RawFrame> frames = new ArrayList<>();
            walkInto(frames, head.slot(), maps, maxDepth);
            return new Chain(head, frames, false);
        } catch (MemoryReadException | InconsistentStateException e) {
            return null;
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

    /** Pass 1: follows the chain into {@code frames}, which keeps what was read if it fails midway. */
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

    /**
     * Most threads wait, so their stacks do not change between reads: read the head and every
     * frame of the last chain seen in one system call. If they still link up from the head to the
     * end, that one read is the whole stack at one moment (the argument of {@link #reread}).
     */
    private List<RawFrame> readLastChain(long threadState, HeadPath head, int maxDepth) {
        List<RawFrame> guess = lastChain(threadState, head, maxDepth);
        if (guess == null) {
            return null;
        }
        List<RawFrame> read = reread(head, guess, false);
        return read != null && endsWhereAStackCanEnd(read) ? read : null;
    }

    /** The thread's last consistent chain as frames to re-read (addresses and links only), or null. */
    private List<RawFrame> lastChain(long threadState, HeadPath head, int maxDepth) {
        long[] chain = lastChains.get(threadState);
        if (chain == null || chain.length > maxDepth || head.slot() == 0) {
            return null;
        }
        List<RawFrame> guess = new ArrayList<>(chain.length);
        for (int i = 0; i < chain.length; i++) {
            guess.add(new RawFrame(chain[i], i + 1 < chain.length ? chain[i + 1] : 0, 0, 0, 0));
        }
        return guess;
    }

    private void remember(long threadState, List<RawFrame> chain) {
        if (lastChains.size() >= MAX_REMEMBERED_THREADS) {
            lastChains.clear(); // thread states come and go; start over rather than grow
        }
        lastChains.put(threadState, chain.stream().mapToLong(RawFrame::address).toArray());
    }

    /** Pass 2: the same chain read in one system call, or null if it changed. */
    private List<RawFrame> reread(HeadPath head, List<RawFrame> walk) {
        return reread(head, walk, true);
    }

    /**
     * Reads the chain of {@code walk} twice in one batch (the kernel copies a batch in order),
     * each time the path, the head and every frame, and checks that both copies show that chain
     * (same path, same links, and when {@code sameCode} the same code objects and owners) and
     * that no caller moved between the copies. Returns the second copy.
     */
    private List<RawFrame> reread(HeadPath head, List<RawFrame> walk, boolean sameCode) {
        ReadBatch batch = new ReadBatch();
        ChainRead first = new ChainRead(batch, head, walk);
        batch.barrier(); // the second copy is read after the first, whatever pages they share
        ChainRead second = new ChainRead(batch, head, walk);
        memory.read(batch);
        return sameMomentIn(first, second, walk, sameCode);
    }

    /**
     * The second copy of {@code walk}'s chain, when both copies show that chain and no caller moved
     * between them; null otherwise.
     */
    private static List<RawFrame> sameMomentIn(ChainRead first, ChainRead second, List<RawFrame> walk, boolean sameCode) {
        List<RawFrame> before = first.chainIfSameAs(walk, sameCode);
        List<RawFrame> after = before == null ? null : second.chainIfSameAs(walk, sameCode);
        if (after == null) {
            return null;
        }
        // Callers wait in their calls: an instruction that moved means the thread returned into
        // one of them while it was read (and maybe came back to the same frames).
        for (int i = 1; i < after.size(); i++) {
            if (after.get(i).instruction() != before.get(i).instruction()) {
                return null;
            }
        }
        return after;
    }

    /** One copy of a chain's path, head pointer and frame headers, as requests in a batch. */
    private final class ChainRead {
        private final HeadPath head;
        private final List<ReadBatch.Request> path;
        private final ReadBatch.Request headPointer;
        private final List<ReadBatch.Request> headers;

        ChainRead(ReadBatch batch, HeadPath head, List<RawFrame> chain) {
            this.head = head;
            this.path = head.addTo(batch);
            this.headPointer = batch.add(head.slot(), 8);
            this.headers = new ArrayList<>(chain.size());
            for (RawFrame f : chain) {
                headers.add(batch.add(f.address(), format.headerSize()));
            }
        }

        /** The frames read, or null when they do not show {@code walk}'s chain. */
        List<RawFrame> chainIfSameAs(List<RawFrame> walk, boolean sameCode) {
            long innermost = walk.isEmpty() ? 0 : walk.get(0).address();
            if (!head.unchanged(path) || headPointer.failed() || headPointer.bytes().i64(0) != innermost) {
                return null;
            }
            List<RawFrame> read = new ArrayList<>(walk.size());
            for (int i = 0; i < walk.size(); i++) {
                ReadBatch.Request r = headers.get(i);
                if (r.failed()) {
                    return null;
                }
                RawFrame f = format.decode(r.bytes(), walk.get(i).address());
                boolean same = sameCode ? f.sameChainAs(walk.get(i)) : f.link() == walk.get(i).link();
                if (!same) {
                    return null;
                }
                read.add(f);
            }
            return read;
        }
    }

}
