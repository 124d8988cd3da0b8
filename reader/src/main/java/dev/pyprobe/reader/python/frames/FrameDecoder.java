package dev.pyprobe.reader.python.frames;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.python.PythonFrame;
import dev.pyprobe.reader.python.code.CodeObject;
import dev.pyprobe.reader.python.code.CodeObjectCache;
import dev.pyprobe.reader.python.layout.Layout;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns raw frame headers into Python frames (function, file, line), for the stack walker and for
 * the reads of single frames alike: one line cache, one code object cache.
 */
public final class FrameDecoder {
    private final FrameFormat format;
    private final CodeObjectCache codes;
    private final LineCache lines = new LineCache();

    public FrameDecoder(Layout.Frame frameLayout, CodeObjectCache codes) {
        this.format = new FrameFormat(frameLayout);
        this.codes = codes;
    }

    FrameFormat format() {
        return format;
    }

    CodeObjectCache codes() {
        return codes;
    }

    /** @param framesBeingSetUp keep 3.11+ frames that have not started their first instruction */
    List<PythonFrame> decode(List<RawFrame> raw, boolean framesBeingSetUp) {
        List<PythonFrame> frames = new ArrayList<>(raw.size());
        for (RawFrame f : raw) {
            PythonFrame frame = decode(f, framesBeingSetUp);
            if (frame != null) {
                frames.add(frame);
            }
        }
        return frames;
    }

    /** The Python frame of {@code f}, or null for a frame no Python traceback shows. */
    PythonFrame decode(RawFrame f, boolean framesBeingSetUp) {
        if (format.isShim(f) || f.code() == 0) {
            return null;
        }
        CodeObject code;
        try {
            code = codes.get(f.code());
        } catch (MemoryReadException e) {
            // 3.13 entry frames hold None instead of code: not a Python frame.
            return null;
        }
        long offset = format.instructionOffset(f, code.bytecodeStart());
        boolean beingSetUp = !format.objectFrames() && !format.ownedByGenerator(f) && offset < code.firstTraceable();
        if (beingSetUp && !framesBeingSetUp) {
            // Still being set up: CPython's own walkers hide such frames too.
            return null;
        }
        int line = beingSetUp ? code.firstLine() : lines.lineAt(code, (int) Math.max(-1, Math.min(offset, Integer.MAX_VALUE)));
        return new PythonFrame(code.function(), code.file(), Math.max(line, 0), code.firstLine(), f.address(), code.address());
    }
}
