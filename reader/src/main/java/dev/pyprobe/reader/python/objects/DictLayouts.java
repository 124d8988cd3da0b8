package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.layout.Layout;
import java.util.ArrayList;
import java.util.List;

/** The dict storage formats of CPython, one per {@link Layout.DictModel}. */
abstract class DictLayouts {
    private static final long MAX_ENTRIES = 1L << 24;

    abstract List<DictEntry> entries(RemoteMemory memory, long dict, int max);

    /** @param valuesHeader bytes before the first value of a split table's values (3.11+ models) */
    static DictLayouts forModel(Layout.DictModel model, int valuesHeader) {
        return switch (model) {
            case DICT_27 -> new OpenAddressed27();
            case DICT_36 -> new Compact36();
            case DICT_311 -> new Compact311(valuesHeader);
        };
    }

    static void check(long count, long dict) {
        if (count < 0 || count > MAX_ENTRIES) {
            throw new MemoryReadException(dict, 0, "not a dict object (" + count + " slots)");
        }
    }

    /** 2.7: an open-addressed table of {hash, key, value} with {@code ma_mask + 1} slots. */
    private static final class OpenAddressed27 extends DictLayouts {
        @Override
        List<DictEntry> entries(RemoteMemory memory, long dict, int max) {
            RemoteBytes d = memory.bytesAt(dict, 48);
            long slots = d.i64(32) + 1;
            check(slots, dict);
            RemoteBytes table = memory.bytesAt(d.i64(40), (int) slots * 24);
            List<DictEntry> out = new ArrayList<>();
            for (int i = 0; i < slots && out.size() < max; i++) {
                long key = table.i64(i * 24 + 8);
                long value = table.i64(i * 24 + 16);
                if (key != 0 && value != 0) {
                    out.add(new DictEntry(key, value));
                }
            }
            return out;
        }
    }

    /** 3.6-3.10: keys object with an index array sized by {@code dk_size}, then 24-byte entries. */
    private static final class Compact36 extends DictLayouts {
        @Override
        List<DictEntry> entries(RemoteMemory memory, long dict, int max) {
            RemoteBytes d = memory.bytesAt(dict, 48);
            long keys = d.i64(32);
            long values = d.i64(40);
            RemoteBytes k = memory.bytesAt(keys, 40);
            long size = k.i64(8);
            long nentries = k.i64(32);
            check(size, dict);
            check(nentries, dict);
            int width = size <= 0xff ? 1 : size <= 0xffff ? 2 : size <= 0xffffffffL ? 4 : 8;
            long entriesAt = keys + 40 + size * width;
            return read(memory, entriesAt, 24, 8, 16, (int) nentries, values, max);
        }
    }

    /**
     * 3.11+: {@code dk_log2_index_bytes} of indices, then 24-byte (general) or 16-byte (str keys)
     * entries; split values start after a header of {@code valuesHeader} bytes (8 from 3.13).
     */
    private static final class Compact311 extends DictLayouts {
        private final int valuesHeader;

        Compact311(int valuesHeader) {
            this.valuesHeader = valuesHeader;
        }

        @Override
        List<DictEntry> entries(RemoteMemory memory, long dict, int max) {
            RemoteBytes d = memory.bytesAt(dict, 48);
            long keys = d.i64(32);
            long values = d.i64(40);
            RemoteBytes k = memory.bytesAt(keys, 32);
            int log2IndexBytes = k.u8(9);
            int kind = k.u8(10);
            long nentries = k.i64(24);
            check(nentries, dict);
            if (log2IndexBytes > 40) {
                throw new MemoryReadException(dict, 0, "not a dict object");
            }
            long entriesAt = keys + 32 + (1L << log2IndexBytes);
            boolean general = kind == 0;
            return read(memory, entriesAt, general ? 24 : 16, general ? 8 : 0, general ? 16 : 8, (int) nentries,
                    values == 0 ? 0 : values + valuesHeader, max);
        }
    }

    /**
     * Reads {@code count} entries of {@code entrySize} bytes: the key at {@code keyOffset}, the value
     * at {@code valueOffset} or, for split tables, in {@code splitValues[i]}.
     */
    static List<DictEntry> read(RemoteMemory memory, long entriesAt, int entrySize, int keyOffset,
                                int valueOffset, int count, long splitValues, int max) {
        List<DictEntry> out = new ArrayList<>();
        if (count == 0) {
            return out;
        }
        RemoteBytes e = memory.bytesAt(entriesAt, count * entrySize);
        RemoteBytes split = splitValues != 0 ? memory.bytesAt(splitValues, count * 8) : null;
        for (int i = 0; i < count && out.size() < max; i++) {
            long key = e.i64(i * entrySize + keyOffset);
            long value = split != null ? split.i64(i * 8) : e.i64(i * entrySize + valueOffset);
            if (key != 0 && value != 0) {
                out.add(new DictEntry(key, value));
            }
        }
        return out;
    }
}
