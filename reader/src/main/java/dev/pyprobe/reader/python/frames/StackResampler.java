package dev.pyprobe.reader.python.frames;

import dev.pyprobe.reader.proc.MemoryMap;
import dev.pyprobe.reader.proc.ReadBatch;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.PythonThread;
import dev.pyprobe.reader.python.ThreadStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the stacks of the threads a sampler takes, tick after tick, without stopping them, and
 * never gives a torn stack as consistent.
 *
 * <p>Each thread's last consistent stack (proven one moment's) is kept with the raw fields it was
 * read with. A tick reads, for every known thread and in one system call, one copy of its head
 * path, head pointer and frame headers (frames whose pages touch as one range), and compares each
 * field with that stack: the path, the head, every frame's link, code object and owner, every
 * caller's instruction. Only the innermost frame's instruction may differ: that is the thread
 * running in place. A copy that matches gives the last stack again, every call in it as proven
 * then, with the innermost frame where it is now: however torn the copy, it invents no call path.
 * A thread that is new or whose stack changed is read afresh as the caller's {@link MovedStacks}
 * says; a consistent read becomes the next stack to compare with.
 *
 * <p>Why it matters: most sampled threads wait or run in place, so a tick costs one copy of their
 * frames and decodes only the frames that changed: the callers' frames are those of the last
 * stack, the same objects.
 */
public final class StackResampler {
    private static final int MAX_REMEMBERED_THREADS = 4096;

    private final StackReader reader;
    private final RemoteMemory memory;
    private final FrameFormat format;
    private final FrameDecoder decoder;
    /** Each thread's last consistent stack, by thread state. */
    private final Map<Long, LastStack> lastStacks = new ConcurrentHashMap<>();

    public StackResampler(StackReader reader) {
        this.reader = reader;
        this.memory = reader.memory();
        this.decoder = reader.decoder();
        this.format = decoder.format();
    }

    /** How the stack of a thread that is new here, or moved since its last stack, is read afresh. */
    interface MovedStacks {
        /** @param tid the thread's id on this host, 0 when unknown */
        StackReader.Chain read(long threadState, int tid, MemoryMap maps, int maxDepth);
    }

    /**
     * The stacks of {@code threads}, each with its thread, those that moved read by
     * {@link StackReader#readChain} (consistent when their thread was blocked).
     */
    public List<ThreadStack> readThreads(List<PythonThread> threads, MemoryMap maps, int maxDepth) {
        return readThreads(threads, maps, maxDepth, reader::readChain);
    }

    /** The stacks of {@code threads}, each with its thread, those that are new or moved read by {@code moved}. */
    List<ThreadStack> readThreads(List<PythonThread> threads, MemoryMap maps, int maxDepth, MovedStacks moved) {
        int n = threads.size();
        LastStack[] known = new LastStack[n];
        Copy[] copies = new Copy[n];
        ReadBatch batch = new ReadBatch();
        for (int i = 0; i < n; i++) {
            LastStack last = lastStacks.get(threads.get(i).stateAddress());
            if (last != null && last.maxDepth == maxDepth) {
                known[i] = last;
                copies[i] = new Copy(batch, last);
            }
        }
        if (!batch.isEmpty()) {
            memory.read(batch);
        }
        List<ThreadStack> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PythonThread thread = threads.get(i);
            long state = thread.stateAddress();
            List<PythonFrame> again = known[i] == null ? null : again(state, known[i], copies[i]);
            StackReader.Result read = again != null ? new StackReader.Result(again, true)
                    : take(state, moved.read(state, thread.nativeId(), maps, maxDepth), maxDepth);
            out.add(new ThreadStack(thread, read.frames(), read.consistent()));
        }
        return out;
    }

    /** The stack of {@code copy} if it shows {@code last}'s, with the innermost frame where it is now; else null. */
    private List<PythonFrame> again(long threadState, LastStack last, Copy copy) {
        RawFrame innermost = copy.innermostIfUnchanged(last, format);
        if (innermost == null) {
            return null;
        }
        if (last.addresses.length == 0 || innermost.instruction() == last.innermostInstruction) {
            return last.frames;
        }
        LastStack moved = last.withInnermost(innermost.instruction(), decoder.decode(innermost, false));
        lastStacks.put(threadState, moved);
        return moved.frames;
    }

    /** Decodes a chain read afresh, and keeps it to compare with when consistent. */
    private StackReader.Result take(long threadState, StackReader.Chain chain, int maxDepth) {
        List<RawFrame> raw = chain.frames();
        PythonFrame top = raw.isEmpty() ? null : decoder.decode(raw.get(0), false);
        List<PythonFrame> callers = List.copyOf(decoder.decode(raw.subList(Math.min(1, raw.size()), raw.size()), false));
        List<PythonFrame> frames = OnTop.of(top, callers);
        if (chain.consistent() && chain.head().slot() != 0) {
            if (lastStacks.size() >= MAX_REMEMBERED_THREADS) {
                lastStacks.clear(); // thread states come and go; start over rather than grow
            }
            lastStacks.put(threadState, LastStack.of(chain, format.headerSize(), maxDepth, top, callers, frames));
        } else {
            lastStacks.remove(threadState);
        }
        return new StackReader.Result(frames, chain.consistent());
    }

    /** A thread's last consistent stack: the raw fields it was checked on, and its decoded frames. */
    private static final class LastStack {
        final HeadPath head;
        final long[] addresses;
        final long[] links;
        final long[] codes;
        final int[] owners;
        /** Each frame's instruction; the innermost one's as first read (see {@link #innermostInstruction}). */
        final long[] instructions;
        final FrameRanges ranges;
        final int maxDepth;
        final long innermostInstruction;
        final PythonFrame innermost;
        final List<PythonFrame> callers;
        final List<PythonFrame> frames;

        private LastStack(LastStack chain, long innermostInstruction, PythonFrame innermost, List<PythonFrame> frames) {
            this(chain.head, chain.addresses, chain.links, chain.codes, chain.owners, chain.instructions, chain.ranges,
                    chain.maxDepth, innermostInstruction, innermost, chain.callers, frames);
        }

        private LastStack(HeadPath head, long[] addresses, long[] links, long[] codes, int[] owners, long[] instructions,
                          FrameRanges ranges, int maxDepth, long innermostInstruction, PythonFrame innermost,
                          List<PythonFrame> callers, List<PythonFrame> frames) {
            this.head = head;
            this.addresses = addresses;
            this.links = links;
            this.codes = codes;
            this.owners = owners;
            this.instructions = instructions;
            this.ranges = ranges;
            this.maxDepth = maxDepth;
            this.innermostInstruction = innermostInstruction;
            this.innermost = innermost;
            this.callers = callers;
            this.frames = frames;
        }

        static LastStack of(StackReader.Chain chain, int headerSize, int maxDepth, PythonFrame top,
                            List<PythonFrame> callers, List<PythonFrame> frames) {
            List<RawFrame> raw = chain.frames();
            int n = raw.size();
            long[] addresses = new long[n];
            long[] links = new long[n];
            long[] codes = new long[n];
            int[] owners = new int[n];
            long[] instructions = new long[n];
            for (int i = 0; i < n; i++) {
                RawFrame f = raw.get(i);
                addresses[i] = f.address();
                links[i] = f.link();
                codes[i] = f.code();
                owners[i] = f.owner();
                instructions[i] = f.instruction();
            }
            return new LastStack(chain.head(), addresses, links, codes, owners, instructions,
                    FrameRanges.of(addresses, headerSize), maxDepth, n == 0 ? 0 : instructions[0], top, callers, frames);
        }

        /** The same stack with its innermost frame at another instruction. */
        LastStack withInnermost(long instruction, PythonFrame top) {
            List<PythonFrame> now = Objects.equals(top, innermost) ? frames : OnTop.of(top, callers);
            return new LastStack(this, instruction, top, now);
        }
    }

    /** One copy of a last stack's head path, head pointer and frame headers, as requests of a batch. */
    private static final class Copy {
        private final List<ReadBatch.Request> path;
        private final ReadBatch.Request headPointer;
        private final ReadBatch.Request[] ranges;

        Copy(ReadBatch batch, LastStack last) {
            this.path = last.head.addTo(batch);
            this.headPointer = batch.add(last.head.slot(), 8);
            this.ranges = last.ranges.addTo(batch);
        }

        /**
         * The innermost frame as read, when every field but its instruction is as in {@code last}
         * (an empty stack: a frame with no address); null when anything changed or failed.
         */
        RawFrame innermostIfUnchanged(LastStack last, FrameFormat format) {
            long[] addresses = last.addresses;
            long head = addresses.length == 0 ? 0 : addresses[0];
            if (!last.head.unchanged(path) || headPointer.failed() || headPointer.bytes().i64(0) != head) {
                return null;
            }
            RawFrame innermost = new RawFrame(0, 0, 0, 0, 0);
            for (int i = 0; i < addresses.length; i++) {
                ReadBatch.Request range = ranges[last.ranges.rangeOf(i)];
                if (range.failed()) {
                    return null;
                }
                RawFrame f = format.decode(range.bytes(), addresses[i]);
                if (f.link() != last.links[i] || f.code() != last.codes[i] || f.owner() != last.owners[i]
                        || (i > 0 && f.instruction() != last.instructions[i])) {
                    return null;
                }
                if (i == 0) {
                    innermost = f;
                }
            }
            return innermost;
        }
    }
}
