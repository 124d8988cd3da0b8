package dev.pyprobe.reader.python.code;

/**
 * The location table of 3.11 and later ({@code co_linetable}; one format through 3.14). Each
 * entry starts with a byte {@code 1 code(4 bits) length-1(3 bits)} covering 1-8 code units of
 * 2 bytes, followed by bytes with bit 7 clear. Only the start line matters here:
 * <ul>
 * <li>codes 0-9 (short forms): same line;</li>
 * <li>codes 10-12 (one-line forms): line + (code - 10);</li>
 * <li>codes 13 (no columns) and 14 (long form): line + a signed varint right after the first byte;</li>
 * <li>code 15: no line; the running line is unchanged.</li>
 * </ul>
 * As in CPython's {@code advance()}, the next entry is the next byte with bit 7 set, so column
 * data is skipped without being parsed. A varint cut off by the end of the table, or longer
 * than an unsigned 32-bit value can hold, ends the walk: the table is corrupt from there on.
 */
final class LocationTableCursor extends RangeCursor {
    private static final int CODE_UNIT_BYTES = 2;
    private static final int ONE_LINE_0 = 10;
    private static final int ONE_LINE_2 = 12;
    private static final int NO_COLUMNS = 13;
    private static final int LONG_FORM = 14;
    /** The first byte of a "no location" entry, shifted right by 3: bit 7 set and code 15. */
    private static final int NO_LOCATION_MARKER = 0x1f;
    /** Six 6-bit groups reach bit 35; CPython's unsigned int accumulator cannot go further. */
    private static final int MAX_VARINT_GROUPS = 6;

    private final byte[] table;
    private int pos;
    private long address;
    private long computedLine;
    private boolean corrupt;

    LocationTableCursor(byte[] table, int firstLine) {
        this.table = table;
        this.computedLine = firstLine;
    }

    @Override
    boolean next() {
        if (corrupt || pos >= table.length) {
            return false;
        }
        int first = table[pos] & 0xff;
        int code = (first >> 3) & 15;
        if (code == NO_COLUMNS || code == LONG_FORM) {
            long delta = signedVarint(pos + 1);
            if (corrupt) {
                return false;
            }
            computedLine += delta;
        } else if (code >= ONE_LINE_0 && code <= ONE_LINE_2) {
            computedLine += code - ONE_LINE_0;
        }
        long rangeLine = (first >> 3) == NO_LOCATION_MARKER ? LineRange.NO_LINE : computedLine;
        long rangeStart = address;
        address += (long) ((first & 7) + 1) * CODE_UNIT_BYTES;
        do {
            pos++;
        } while (pos < table.length && (table[pos] & 0x80) == 0);
        if (!setRange(rangeStart, address, rangeLine)) {
            corrupt = true;
            return false;
        }
        return true;
    }

    /** Reads a varint at {@code at}: 6-bit groups, least significant first, bit 6 = more follow. */
    private long signedVarint(int at) {
        int value = 0;
        int shift = 0;
        int read;
        int i = at;
        do {
            if (i >= table.length || shift >= MAX_VARINT_GROUPS * 6) {
                corrupt = true;
                return 0;
            }
            read = table[i++] & 0xff;
            value |= (read & 63) << shift;
            shift += 6;
        } while ((read & 64) != 0);
        long magnitude = Integer.toUnsignedLong(value) >>> 1;
        return (value & 1) != 0 ? -magnitude : magnitude;
    }
}
