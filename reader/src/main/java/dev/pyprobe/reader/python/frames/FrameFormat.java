package dev.pyprobe.reader.python.frames;

import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.python.layout.Layout;

/** Decodes the fixed header of one version's frames into a {@link RawFrame}. */
final class FrameFormat {
    /** {@code _PyStackRef} tag bits (3.14). */
    private static final long TAG_MASK = 3;
    private static final int OWNED_BY_GENERATOR = 1;

    private final Layout.Frame layout;
    private final boolean objectFrames;
    private final int headerSize;

    FrameFormat(Layout.Frame layout) {
        this.layout = layout;
        this.objectFrames = layout.model() == Layout.FrameModel.FRAME_OBJECT;
        int end = Math.max(layout.link(), layout.code()) + 8;
        end = Math.max(end, objectFrames ? layout.lasti() + 4 : Math.max(layout.instrPtr() + 8, layout.owner() + 1));
        this.headerSize = end;
    }

    int headerSize() {
        return headerSize;
    }

    boolean objectFrames() {
        return objectFrames;
    }

    RawFrame decode(RemoteBytes bytes, long address) {
        int base = (int) (address - bytes.address());
        long code = bytes.i64(base + layout.code());
        if (layout.taggedPointers()) {
            code &= ~TAG_MASK;
        }
        if (objectFrames) {
            return new RawFrame(address, bytes.i64(base + layout.back()), code, bytes.i32(base + layout.lasti()), 0);
        }
        return new RawFrame(address, bytes.i64(base + layout.previous()), code, bytes.i64(base + layout.instrPtr()),
                bytes.u8(base + layout.owner()));
    }

    /** Interpreter shim frames (C entering the eval loop) that no Python traceback shows. */
    boolean isShim(RawFrame frame) {
        return !objectFrames && frame.owner() >= layout.skipOwnersFrom();
    }

    boolean ownedByGenerator(RawFrame frame) {
        return !objectFrames && frame.owner() == OWNED_BY_GENERATOR;
    }

    /** Byte offset of the current instruction, relative to the code's first instruction. */
    long instructionOffset(RawFrame frame, long bytecodeStart) {
        if (objectFrames) {
            return frame.instruction() < 0 ? -1 : frame.instruction() * layout.lastiUnit();
        }
        return frame.instruction() - bytecodeStart;
    }

    /** Offset of the link to the next older frame in the header. */
    int link() {
        return layout.link();
    }

    int localsplus() {
        return layout.localsplus();
    }

    int globals() {
        return layout.globals();
    }

    int code() {
        return layout.code();
    }

    boolean taggedPointers() {
        return layout.taggedPointers();
    }
}
