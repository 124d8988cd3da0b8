package dev.pyprobe.reader.python.frames;

import dev.pyprobe.reader.InconsistentStateException;
import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.MemoryMap;
import dev.pyprobe.reader.proc.ReadBatch;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.code.CodeObject;
import dev.pyprobe.reader.python.code.CodeObjectCache;
import dev.pyprobe.reader.python.layout.Layout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the Python stack of one thread without stopping it, and never returns a torn stack
 * (frames from two moments) as consistent.
 *
 * <p>How: walk the chain once (pass 1), then read the head pointer and every frame header again
 * in a single batched system call (pass 2). If pass 2 shows the same chain (same frames, links
 * and code objects), then pass 2 is a picture of one moment, and its instruction pointers are
 * used. If the chain changed, the thread moved while it was read: walk again, a few times,
 * then report the last walk as not consistent.
 */
public final class StackReader {
    private static final int ATTEMPTS = 5;

    private final RemoteMemory memory;
    private final Layout.Thread threadLayout;
    private final FrameFormat format;
    private final CodeObjectCache codes;

    public StackReader(RemoteMemory memory, Layout.Thread threadLayout, Layout.Frame frameLayout, CodeObjectCache codes) {
        this.memory = memory;
        this.threadLayout = threadLayout;
        this.format = new FrameFormat(frameLayout);
        this.codes = codes;
    }

    /** A stack read: frames innermost first, and whether it is one moment's picture. */
    public record Result(List<PythonFrame> frames, boolean consistent) {
    }

    public Result read(long threadState, MemoryMap maps, int maxDepth) {
        List<RawFrame> walk = List.of();
        long headSlot = 0;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            headSlot = headSlot(threadState);
            walk = walk(headSlot, maps, maxDepth);
            List<RawFrame> again = reread(headSlot, walk);
            if (again != null) {
                return new Result(decode(again), true);
            }
        }
        return new Result(decode(walk), false);
    }

    /** Address of the pointer to the innermost frame, following the version's path from the thread state. */
    private long headSlot(long threadState) {
        List<Integer> path = threadLayout.currentFrame();
        long base = threadState;
        for (int i = 0; i < path.size() - 1; i++) {
            base = memory.readLong(base + path.get(i));
            if (base == 0) {
                return 0;
            }
        }
        return base + path.get(path.size() - 1);
    }

    private List<RawFrame> walk(long headSlot, MemoryMap maps, int maxDepth) {
        List<RawFrame> frames = new ArrayList<>();
        if (headSlot == 0) {
            return frames;
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
        return frames;
    }

    /** Pass 2: the same chain read in one system call, or null if it changed. */
    private List<RawFrame> reread(long headSlot, List<RawFrame> walk) {
        ReadBatch batch = new ReadBatch();
        ReadBatch.Request head = batch.add(headSlot, 8);
        List<ReadBatch.Request> headers = new ArrayList<>(walk.size());
        for (RawFrame f : walk) {
            headers.add(batch.add(f.address(), format.headerSize()));
        }
        memory.read(batch);
        long innermostBefore = walk.isEmpty() ? 0 : walk.get(0).address();
        if (head.failed() || head.bytes().i64(0) != innermostBefore) {
            return null;
        }
        List<RawFrame> again = new ArrayList<>(walk.size());
        for (int i = 0; i < walk.size(); i++) {
            ReadBatch.Request r = headers.get(i);
            if (r.failed()) {
                return null;
            }
            RawFrame f = format.decode(r.bytes(), walk.get(i).address());
            if (!f.sameChainAs(walk.get(i))) {
                return null;
            }
            again.add(f);
        }
        return again;
    }

    private List<PythonFrame> decode(List<RawFrame> raw) {
        List<PythonFrame> frames = new ArrayList<>(raw.size());
        for (RawFrame f : raw) {
            if (format.isShim(f) || f.code() == 0) {
                continue;
            }
            CodeObject code;
            try {
                code = codes.get(f.code());
            } catch (MemoryReadException e) {
                // 3.13 entry frames hold None instead of code: not a Python frame.
                continue;
            }
            long offset = format.instructionOffset(f, code.bytecodeStart());
            if (!format.objectFrames() && !format.ownedByGenerator(f) && offset < code.firstTraceable()) {
                // Still being set up: CPython's own walkers hide such frames too.
                continue;
            }
            int line = code.lineAt((int) Math.max(-1, Math.min(offset, Integer.MAX_VALUE)));
            frames.add(new PythonFrame(code.function(), code.file(), Math.max(line, 0), code.firstLine(),
                    f.address(), code.address()));
        }
        return frames;
    }

    /** Slot values of a frame's fast locals, with tag bits removed; 0 for unbound slots. */
    public long[] localSlots(PythonFrame frame, CodeObject code) {
        long current = memory.readLong(frame.frameAddress() + format.code());
        if (format.taggedPointers()) {
            current &= ~3L;
        }
        if (current != code.address()) {
            throw new InconsistentStateException("the frame of " + frame.function() + " has returned since the snapshot");
        }
        int n = code.localNames().size();
        long[] slots = new long[n];
        if (n == 0) {
            return slots;
        }
        var bytes = memory.bytesAt(frame.frameAddress() + format.localsplus(), n * 8);
        for (int i = 0; i < n; i++) {
            long v = bytes.i64(i * 8);
            slots[i] = format.taggedPointers() ? v & ~3L : v;
        }
        return slots;
    }

    /** The frame's globals dict. */
    public long globals(PythonFrame frame) {
        return memory.readLong(frame.frameAddress() + format.globals());
    }
}
