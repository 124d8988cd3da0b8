package dev.pyprobe.reader.python.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Line numbers from one line-table format. Stateless; get one from
 * {@link LineTableFormat#decoder()}. No input makes these methods throw (other than a null
 * table) or loop longer than the table is long: a corrupt table yields {@link LineRange#NO_LINE}
 * where it stops making sense.
 */
public final class LineTableDecoder {
    /** Opens a walk over {@code table} starting at line {@code firstLine}. */
    interface CursorFactory {
        RangeCursor open(byte[] table, int firstLine);
    }

    private final CursorFactory cursors;

    LineTableDecoder(CursorFactory cursors) {
        this.cursors = cursors;
    }

    /**
     * The line of the instruction at {@code byteOffset}, as {@code PyCode_Addr2Line} computes it
     * (and so as {@code frame.f_lineno} reports it when no tracer is set).
     *
     * @param table      the bytes of {@code co_lnotab} (up to 3.9) or {@code co_linetable} (3.10+)
     * @param firstLine  {@code co_firstlineno}
     * @param byteOffset a byte offset into the bytecode (convert 3.10's {@code f_lasti} code
     *                   units and 3.11+'s instruction pointers first); a negative offset is a
     *                   frame that has not started, whose line CPython reports as {@code firstLine}
     * @return the line, or {@link LineRange#NO_LINE} if the instruction has none (3.10+), lies
     *         past the end of the table (3.10+), or the table is corrupt there
     */
    public int line(byte[] table, int firstLine, int byteOffset) {
        Objects.requireNonNull(table, "table");
        if (byteOffset < 0) {
            return firstLine >= 0 ? firstLine : LineRange.NO_LINE;
        }
        RangeCursor cursor = cursors.open(table, firstLine);
        while (cursor.next()) {
            if (byteOffset < cursor.end()) {
                return cursor.line();
            }
        }
        return LineRange.NO_LINE;
    }

    /**
     * The byte offset of the first instruction of {@code line} (the lowest offset whose line it
     * is), or -1 if no instruction has that line.
     */
    public int firstOffsetOfLine(byte[] table, int firstLine, int line) {
        Objects.requireNonNull(table, "table");
        if (line < 0) {
            return -1;
        }
        RangeCursor cursor = cursors.open(table, firstLine);
        while (cursor.next()) {
            if (cursor.line() == line) {
                return cursor.start();
            }
        }
        return -1;
    }

    /**
     * The table as ranges in bytecode order, adjacent ranges of the same line (or both without
     * a line) merged: exactly {@code co_lines()} of 3.12 and later. {@code co_lines()} of 3.10
     * and 3.11 yields the same bytes per line but does not merge. Up to 3.9 the last range ends
     * at {@link LineRange#OPEN_END}.
     */
    public List<LineRange> ranges(byte[] table, int firstLine) {
        Objects.requireNonNull(table, "table");
        List<LineRange> ranges = new ArrayList<>();
        RangeCursor cursor = cursors.open(table, firstLine);
        while (cursor.next()) {
            int last = ranges.size() - 1;
            if (last >= 0 && ranges.get(last).line() == cursor.line()) {
                ranges.set(last, new LineRange(ranges.get(last).start(), cursor.end(), cursor.line()));
            } else {
                ranges.add(new LineRange(cursor.start(), cursor.end(), cursor.line()));
            }
        }
        return ranges;
    }
}
