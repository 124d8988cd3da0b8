package dev.pyprobe.reader.python.code;

/**
 * The line-table formats of CPython. Per-version layout data names them (e.g.
 * {@code "lineTable": "LNOTAB_SIGNED"}), so the constant names are part of that data format.
 */
public enum LineTableFormat {
    /** 2.7 {@code co_lnotab}: (address increment, line increment) pairs, both unsigned. */
    LNOTAB_UNSIGNED((table, firstLine) -> new LnotabCursor(table, firstLine, false)),
    /** 3.6-3.9 {@code co_lnotab}: as 2.7 but the line increment is a signed byte. */
    LNOTAB_SIGNED((table, firstLine) -> new LnotabCursor(table, firstLine, true)),
    /** 3.10 {@code co_linetable}: (length, signed line delta) pairs, delta -128 = no line. */
    LINETABLE_310(LineTable310Cursor::new),
    /** 3.11+ {@code co_linetable}: location entries with varints, codes 0-15 (same through 3.14). */
    LOCATIONS_311(LocationTableCursor::new);

    private final LineTableDecoder decoder;

    LineTableFormat(LineTableDecoder.CursorFactory cursors) {
        this.decoder = new LineTableDecoder(cursors);
    }

    public LineTableDecoder decoder() {
        return decoder;
    }
}
