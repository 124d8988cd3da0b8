package dev.pyprobe.reader.python.code;

/**
 * Bytecode bytes {@code [start, end)} that share one source line, like one item of
 * {@code co_lines()}. {@code line} is {@link #NO_LINE} for instructions without a line.
 */
public record LineRange(int start, int end, int line) {
    /** The line of an instruction that has none (3.10+), or of an offset outside the table. */
    public static final int NO_LINE = -1;

    /**
     * The end of the last range of a {@code co_lnotab} table: that table does not record the
     * bytecode size, so its last line runs to the end of the bytecode, whatever that is.
     */
    public static final int OPEN_END = Integer.MAX_VALUE;

    public boolean hasLine() {
        return line != NO_LINE;
    }
}
