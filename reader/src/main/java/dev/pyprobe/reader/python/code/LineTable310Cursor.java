package dev.pyprobe.reader.python.code;

/**
 * {@code co_linetable} of 3.10: pairs (length in bytes, line delta), the length an unsigned
 * byte, the delta a signed byte where -128 marks a range without a line and leaves the running
 * line unchanged. Empty ranges only carry line deltas and are skipped, as
 * {@code PyLineTable_NextAddressRange} skips them. An odd last byte is ignored.
 */
final class LineTable310Cursor extends RangeCursor {
    private static final int NO_LINE_DELTA = -128;

    private final byte[] table;
    private int pos;
    private long address;
    private long computedLine;

    LineTable310Cursor(byte[] table, int firstLine) {
        this.table = table;
        this.computedLine = firstLine;
    }

    @Override
    boolean next() {
        while (pos + 1 < table.length) {
            int length = table[pos] & 0xff;
            int lineDelta = table[pos + 1];
            pos += 2;
            long rangeLine = LineRange.NO_LINE;
            if (lineDelta != NO_LINE_DELTA) {
                computedLine += lineDelta;
                rangeLine = computedLine;
            }
            long rangeStart = address;
            address += length;
            if (length != 0) {
                return setRange(rangeStart, address, rangeLine);
            }
        }
        return false;
    }
}
