package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.python.PyValue;

/**
 * What the reader needs of a {@code PyTypeObject}.
 *
 * @param kind builtin kind when the type is exactly one of the builtin types (found by address),
 *             else {@link PyValue.Kind#OBJECT}
 * @param base {@code tp_base}, the type it derives from (0 for {@code object})
 */
public record TypeInfo(long address, String name, long flags, long basicSize, long dictOffset, PyValue.Kind kind,
                       long base) {
    static final long TPFLAGS_INLINE_VALUES = 1L << 2;
    static final long TPFLAGS_MANAGED_DICT = 1L << 4;
    static final long TPFLAGS_HEAPTYPE = 1L << 9;
    static final long TPFLAGS_LONG_SUBCLASS = 1L << 24;
    static final long TPFLAGS_UNICODE_SUBCLASS = 1L << 28;
    static final long TPFLAGS_TYPE_SUBCLASS = 1L << 31;

    public boolean hasManagedDict() {
        return (flags & TPFLAGS_MANAGED_DICT) != 0;
    }

    public boolean hasInlineValues() {
        return (flags & TPFLAGS_INLINE_VALUES) != 0;
    }

    public boolean isHeapType() {
        return (flags & TPFLAGS_HEAPTYPE) != 0;
    }

    /** Whether this type is {@code type} or derives from it: its instances are classes. */
    public boolean isTypeSubclass() {
        return (flags & TPFLAGS_TYPE_SUBCLASS) != 0;
    }
}
