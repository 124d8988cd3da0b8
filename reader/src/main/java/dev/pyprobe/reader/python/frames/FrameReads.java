package dev.pyprobe.reader.python.frames;

import dev.pyprobe.reader.InconsistentStateException;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.code.CodeObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads of one frame rather than of a stack: a frame by its address, the callee a thread is
 * pushing, a frame's local slots and its globals.
 */
public final class FrameReads {
    /** More than any real frame (locals plus value stack), less than a bad read. */
    private static final int MAX_FRAME_WORDS = 1 << 20;

    private final RemoteMemory memory;
    private final FrameFormat format;
    private final FrameDecoder decoder;
    /** Offset of {@code co_framesize} in a code object; 0 where the version has none. */
    private final int codeFramesize;

    public FrameReads(RemoteMemory memory, FrameDecoder decoder, int codeFramesize) {
        this.memory = memory;
        this.decoder = decoder;
        this.format = decoder.format();
        this.codeFramesize = codeFramesize;
    }

    /**
     * The frame at {@code address} on its own, read now: for a frame a thread is about to run that
     * is not yet its current one (a uprobe at the eval function's entry sees it there). Empty when
     * it is not a Python frame with code.
     */
    public Optional<PythonFrame> frameAt(long address) {
        RawFrame raw = format.decode(memory.bytesAt(address, format.headerSize()), address);
        List<PythonFrame> decoded = decoder.decode(List.of(raw), true);
        return decoded.isEmpty() ? Optional.empty() : Optional.of(decoded.get(0));
    }

    /**
     * The frame a thread is pushing for a call from {@code caller}, before it is linked in as the
     * thread's current one: from 3.12 a callee's frame is placed right after its caller's
     * ({@code co_framesize} words), and some builds fetch the callee's first instruction before
     * they link it. Found only where that place holds a frame that links back to the caller and
     * runs one of {@code codes}; empty otherwise, and always where the version has no
     * {@code co_framesize}.
     */
    public Optional<PythonFrame> calleeBeingPushed(PythonFrame caller, Set<Long> codes) {
        if (codeFramesize == 0 || format.objectFrames()) {
            return Optional.empty();
        }
        int words = memory.bytesAt(caller.codeAddress() + codeFramesize, 4).i32(0);
        if (words <= 0 || words > MAX_FRAME_WORDS) {
            return Optional.empty();
        }
        long candidate = caller.frameAddress() + 8L * words;
        RawFrame raw = format.decode(memory.bytesAt(candidate, format.headerSize()), candidate);
        if (raw.link() != caller.frameAddress() || !codes.contains(raw.code())) {
            return Optional.empty();
        }
        List<PythonFrame> decoded = decoder.decode(List.of(raw), true);
        return decoded.isEmpty() ? Optional.empty() : Optional.of(decoded.get(0));
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
