package dev.pyprobe.reader.python.code;

/**
 * {@code co_lnotab} of 2.7 and 3.6-3.9: pairs (address increment, line increment), both
 * unsigned bytes in 2.7, the line increment a signed byte from 3.6. A pair gives the line
 * that starts at the address reached after adding its address increment; the table does not
 * say where the bytecode ends, so the last range is open ({@link LineRange#OPEN_END}).
 * An odd last byte is ignored, as {@code PyCode_Addr2Line} ignores it.
 */
final class LnotabCursor extends RangeCursor {
    private final byte[] table;
    private final boolean signedLineIncrements;
    private int pos;
    private long address;
    private long computedLine;
    private boolean finished;

    LnotabCursor(byte[] table, int firstLine, boolean signedLineIncrements) {
        this.table = table;
        this.signedLineIncrements = signedLineIncrements;
        this.computedLine = firstLine;
    }

    @Override
    boolean next() {
        if (finished) {
            return false;
        }
        // Pairs that do not move the address (large line jumps are split this way) change the
        // line of the range starting here rather than starting a range of their own.
        while (hasPair() && table[pos] == 0) {
            computedLine += lineIncrement(table[pos + 1]);
            pos += 2;
        }
        long rangeStart = address;
        long rangeLine = computedLine;
        if (hasPair()) {
            address += table[pos] & 0xff;
            computedLine += lineIncrement(table[pos + 1]);
            pos += 2;
        } else {
            finished = true;
        }
        long rangeEnd = finished ? LineRange.OPEN_END : address;
        if (!setRange(rangeStart, rangeEnd, rangeLine)) {
            finished = true;
            return false;
        }
        return true;
    }

    private boolean hasPair() {
        return pos + 1 < table.length;
    }

    private int lineIncrement(byte b) {
        return signedLineIncrements ? b : b & 0xff;
    }
}
