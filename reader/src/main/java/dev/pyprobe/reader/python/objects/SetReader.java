package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.layout.Layout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads sets and frozensets: an open-addressed table whose deleted slots hold a dummy object. */
public final class SetReader {
    /** {@code PySetObject}: {@code fill}, {@code used}, {@code mask}, {@code table}, the same in every version. */
    private static final int USED = 24;
    private static final int MASK = 32;
    private static final int TABLE = 40;
    private static final int ENTRY_SIZE = 16;
    /** Python 2's dummy: a str of its own, told from real elements by its text. */
    private static final String PY2_DUMMY = "<dummy key>";

    private final RemoteMemory memory;
    private final TypeCache types;
    private final StringReader strings;
    private final Layout.SetModel model;
    private final int entryKey;

    public SetReader(RemoteMemory memory, TypeCache types, StringReader strings, Layout.Objects layout) {
        this.memory = memory;
        this.types = types;
        this.strings = strings;
        this.model = layout.setModel();
        this.entryKey = layout.setEntryKey();
    }

    /** Number of elements ({@code used}). */
    public long size(long set) {
        return ObjectHeader.boundedSize(memory.readLong(set + USED), set);
    }

    /** Elements of a set or frozenset, at most {@code max}. */
    public List<Long> items(long set, int max) {
        RemoteBytes s = memory.bytesAt(set, TABLE + 8);
        long mask = s.i64(MASK);
        long table = s.i64(TABLE);
        if (mask < 0 || mask >= ObjectHeader.MAX_SLOTS) {
            throw new MemoryReadException(set, 0, "not a set object (mask " + mask + ")");
        }
        int slots = (int) mask + 1;
        RemoteBytes entries = memory.bytesAt(table, slots * ENTRY_SIZE);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < slots && out.size() < max; i++) {
            long key = entries.i64(i * ENTRY_SIZE + entryKey);
            if (key == 0) {
                continue;
            }
            out.add(key);
        }
        return dropDummies(out, s.i64(USED));
    }

    /**
     * Deleted set slots hold one shared dummy object. Real elements are distinct objects, so when
     * there are more keys than {@code used}, the address that repeats (or, with a single deleted
     * slot, the one whose type is not that of a real element) is the dummy.
     */
    private List<Long> dropDummies(List<Long> keys, long used) {
        if (keys.size() <= used) {
            return keys;
        }
        Map<Long, Integer> counts = new HashMap<>();
        for (long k : keys) {
            counts.merge(k, 1, Integer::sum);
        }
        List<Long> out = new ArrayList<>();
        for (long k : keys) {
            if (counts.get(k) == 1 && !isDummy(k)) {
                out.add(k);
            }
        }
        return out;
    }

    private boolean isDummy(long key) {
        try {
            String typeName = types.typeOf(key).name();
            // Python 3's dummy has its own type; Python 2's is a str.
            return typeName.contains("dummy") || (model == Layout.SetModel.SET_27
                    && types.kindOf(key) == BuiltinKind.BYTES && PY2_DUMMY.equals(strings.name(key)));
        } catch (MemoryReadException e) {
            return true;
        }
    }
}
