package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.RemoteBytes;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.layout.Layout;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where an instance keeps its attributes. CPython changed this three times (3.11, 3.12, 3.13); a
 * layout names its model in {@code objects.attributes}.
 */
public final class InstanceAttributes {
    /** 3.11+: the managed dict pointer (or 3.12's tagged values pointer) three words before the object. */
    private static final long DICT_POINTER = -24;
    /** 3.11: the values pointer, four words before the object. */
    private static final long VALUES_POINTER_311 = -32;
    /** 3.13: the {@code valid} byte of the inline values' header. */
    private static final int INLINE_VALID = 3;
    /** Shared keys ({@code PyDictKeysObject} of the 3.11+ dict models): log2 of the index bytes, entry count. */
    private static final int KEYS_HEADER = 32;
    private static final int KEYS_LOG2_INDEX_BYTES = 9;
    private static final int KEYS_NENTRIES = 24;
    private static final int MAX_SHARED_KEYS = 1 << 16;
    /** Shared keys' entries hold only the key (str keys): 16 bytes, the key first. */
    private static final int SHARED_ENTRY = 16;

    private final RemoteMemory memory;
    private final TypeCache types;
    private final StringReader strings;
    private final DictReader dicts;
    private final Layout.AttributeModel model;
    private final int cachedKeysOffset;
    private final int valuesHeader;

    public InstanceAttributes(RemoteMemory memory, TypeCache types, StringReader strings, DictReader dicts,
                              Layout.Objects layout) {
        this.memory = memory;
        this.types = types;
        this.strings = strings;
        this.dicts = dicts;
        this.model = layout.attributes();
        this.cachedKeysOffset = layout.cachedKeys();
        this.valuesHeader = layout.dictValuesHeader();
    }

    /** Instance attributes of an object (its __dict__ or inline values), name to value address. */
    public List<Map.Entry<String, Long>> read(long object, int max) {
        TypeInfo type = types.typeOf(object);
        switch (model) {
            case MANAGED_311:
                if (type.hasManagedDict()) {
                    long dict = memory.readLong(object + DICT_POINTER);
                    return dict != 0 ? fromDict(dict, max)
                            : fromSplitValues(type, memory.readLong(object + VALUES_POINTER_311), max);
                }
                break;
            case MANAGED_312:
                if (type.hasManagedDict()) {
                    long word = memory.readLong(object + DICT_POINTER);
                    // Bit 0 tags a values array stored as (values - 1).
                    return (word & 1) != 0 ? fromSplitValues(type, word + 1, max) : fromDict(word, max);
                }
                break;
            case INLINE_313:
                if (type.hasInlineValues()) {
                    long values = object + type.basicSize();
                    RemoteBytes header = memory.bytesAt(values, valuesHeader);
                    if (header.u8(INLINE_VALID) != 0) {
                        return fromSplitValues(type, values + valuesHeader, max);
                    }
                }
                if (type.hasManagedDict()) {
                    return fromDict(memory.readLong(object + DICT_POINTER), max);
                }
                break;
            default:
                break;
        }
        if (type.dictOffset() > 0 && type.dictOffset() < (1 << 16)) {
            return fromDict(memory.readLong(object + type.dictOffset()), max);
        }
        return List.of();
    }

    private List<Map.Entry<String, Long>> fromDict(long dict, int max) {
        List<Map.Entry<String, Long>> out = new ArrayList<>();
        if (dict == 0) {
            return out;
        }
        for (DictEntry e : dicts.entries(dict, max)) {
            out.add(new AbstractMap.SimpleImmutableEntry<>(strings.name(e.key()), e.value()));
        }
        return out;
    }

    /** Values stored apart from their keys, which the type shares across instances ({@code ht_cached_keys}). */
    private List<Map.Entry<String, Long>> fromSplitValues(TypeInfo type, long values, int max) {
        if (!type.isHeapType() || values == 0) {
            return List.of();
        }
        long keys = memory.readLong(type.address() + cachedKeysOffset);
        if (keys == 0) {
            return List.of();
        }
        RemoteBytes k = memory.bytesAt(keys, KEYS_HEADER);
        long nentries = k.i64(KEYS_NENTRIES);
        if (nentries < 0 || nentries > MAX_SHARED_KEYS) {
            throw new MemoryReadException(keys, 0, "implausible shared keys (" + nentries + ")");
        }
        long entries = keys + KEYS_HEADER + (1L << k.u8(KEYS_LOG2_INDEX_BYTES));
        List<Map.Entry<String, Long>> out = new ArrayList<>();
        for (DictEntry e : DictLayouts.read(memory, entries, SHARED_ENTRY, 0, 8, (int) nentries, values, max)) {
            out.add(new AbstractMap.SimpleImmutableEntry<>(strings.name(e.key()), e.value()));
        }
        return out;
    }
}
