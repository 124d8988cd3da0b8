package dev.pyprobe.reader.python.code;

import java.util.List;

/**
 * What the reader keeps of a code object. Code objects are immutable once created, so one read
 * serves every later frame that runs the same code.
 *
 * @param function      qualified name (3.11+) or name
 * @param flags         {@code co_flags}
 * @param bytecodeStart address of the first instruction (co_code's bytes up to 3.10,
 *                      co_code_adaptive from 3.11): instruction offsets are relative to it
 * @param localNames    names of the fast locals in slot order (locals, then cells, then free vars)
 * @param localKinds    3.11+ kind byte of each slot (0x20 local, 0x40 cell, 0x80 free); empty before
 * @param cellSlotsFrom up to 3.10, index of the first cell slot (cells and free vars hold cell objects)
 * @param firstTraceable 3.11+ offset of the first instruction a frame shows as started
 */
public record CodeObject(long address, String function, String file, int flags, int firstLine, byte[] lineTable,
                         LineTableFormat lineTableFormat, long bytecodeStart, List<String> localNames,
                         byte[] localKinds, int cellSlotsFrom, int firstTraceable) {

    /** The line the interpreter reports for the instruction at {@code byteOffset}, -1 for none. */
    public int lineAt(int byteOffset) {
        if (byteOffset < 0) {
            // A frame that has not started yet reports its first line.
            return firstLine;
        }
        return lineTableFormat.decoder().line(lineTable, firstLine, byteOffset);
    }

    /** {@code CO_GENERATOR}, {@code CO_COROUTINE} and {@code CO_ASYNC_GENERATOR}: code that runs in a suspendable frame. */
    private static final int SUSPENDABLE = 0x20 | 0x80 | 0x200;

    /** Whether this is the code of a generator, coroutine or async generator. */
    public boolean isSuspendable() {
        return (flags & SUSPENDABLE) != 0;
    }

    /** Byte offset of the first instruction of {@code line}, or -1 when this code has none for it. */
    public int firstOffsetOfLine(int line) {
        return lineTableFormat.decoder().firstOffsetOfLine(lineTable, firstLine, line);
    }

    /** Whether slot {@code i} holds a cell object whose contents is the variable's value. */
    public boolean isCellSlot(int i) {
        if (localKinds.length > 0) {
            return i < localKinds.length && (localKinds[i] & 0xc0) != 0;
        }
        return i >= cellSlotsFrom;
    }
}
