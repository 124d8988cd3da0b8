package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.RemoteMemory;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where an instance keeps its attributes. CPython changed this three times (3.11, 3.12, 3.13); a
 * layout names its model in {@code objects.attributes}.
 */
final class InstanceAttributes {
    private static final long DICT_POINTER = -24;

    enum Model { DICT_OFFSET, MANAGED_311, MANAGED_312, INLINE_313 }

    private final Model model;
    private final int cachedKeysOffset;

    private InstanceAttributes(Model model, int cachedKeysOffset) {
        this.model = model;
        this.cachedKeysOffset = cachedKeysOffset;
    }

    static InstanceAttributes forModel(String model, int cachedKeysOffset) {
        return new InstanceAttributes(Model.valueOf(model), cachedKeysOffset);
    }

    List<Map.Entry<String, Long>> read(ObjectHeap heap, long object, int max) {
        TypeInfo type = heap.typeOf(object);
        RemoteMemory memory = heap.memory();
        switch (model) {
            case MANAGED_311:
                if (type.hasManagedDict()) {
                    long dict = memory.readLong(object + DICT_POINTER);
                    return dict != 0 ? fromDict(heap, dict, max)
                            : fromSplitValues(heap, type, memory.readLong(object - 32), max);
                }
                break;
            case MANAGED_312:
                if (type.hasManagedDict()) {
                    long word = memory.readLong(object + DICT_POINTER);
                    // Bit 0 tags a values array stored as (values - 1).
                    return (word & 1) != 0 ? fromSplitValues(heap, type, word + 1, max) : fromDict(heap, word, max);
                }
                break;
            case INLINE_313:
                if (type.hasInlineValues()) {
                    long values = object + type.basicSize();
                    RemoteBytes header = memory.bytesAt(values, 8);
                    if (header.u8(3) != 0) {
                        return fromSplitValues(heap, type, values + 8, max);
                    }
                }
                if (type.hasManagedDict()) {
                    return fromDict(heap, memory.readLong(object + DICT_POINTER), max);
                }
                break;
            default:
                break;
        }
        if (type.dictOffset() > 0 && type.dictOffset() < (1 << 16)) {
            return fromDict(heap, memory.readLong(object + type.dictOffset()), max);
        }
        return List.of();
    }

    private static List<Map.Entry<String, Long>> fromDict(ObjectHeap heap, long dict, int max) {
        List<Map.Entry<String, Long>> out = new ArrayList<>();
        if (dict == 0) {
            return out;
        }
        for (ObjectHeap.Entry e : heap.dictEntries(dict, max)) {
            out.add(new AbstractMap.SimpleImmutableEntry<>(heap.name(e.key()), e.value()));
        }
        return out;
    }

    /** Values stored apart from their keys, which the type shares across instances ({@code ht_cached_keys}). */
    private List<Map.Entry<String, Long>> fromSplitValues(ObjectHeap heap, TypeInfo type, long values, int max) {
        if (!type.isHeapType() || values == 0) {
            return List.of();
        }
        RemoteMemory memory = heap.memory();
        long keys = memory.readLong(type.address() + cachedKeysOffset);
        if (keys == 0) {
            return List.of();
        }
        RemoteBytes k = memory.bytesAt(keys, 32);
        long nentries = k.i64(24);
        if (nentries < 0 || nentries > 1 << 16) {
            throw new MemoryReadException(keys, 0, "implausible shared keys (" + nentries + ")");
        }
        long entries = keys + 32 + (1L << k.u8(9));
        List<Map.Entry<String, Long>> out = new ArrayList<>();
        List<ObjectHeap.Entry> pairs = DictLayouts.read(memory, entries, 16, 0, 8, (int) nentries, values, max);
        for (ObjectHeap.Entry e : pairs) {
            out.add(new AbstractMap.SimpleImmutableEntry<>(heap.name(e.key()), e.value()));
        }
        return out;
    }
}
