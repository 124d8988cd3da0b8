package dev.pyprobe.reader.python.objects;

import dev.pyprobe.reader.MemoryReadException;
import dev.pyprobe.reader.proc.ReadBatch;
import dev.pyprobe.reader.proc.RemoteMemory;
import dev.pyprobe.reader.python.layout.Layout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads dicts by the layout's dict model, and looks str keys up in them. */
public final class DictReader {
    private final RemoteMemory memory;
    private final StringReader strings;
    private final DictLayouts storage;
    private final int used;

    public DictReader(RemoteMemory memory, StringReader strings, Layout.Objects layout) {
        this.memory = memory;
        this.strings = strings;
        this.storage = DictLayouts.forModel(layout.dict(), layout.dictValuesHeader());
        this.used = layout.dictUsed();
    }

    /** Number of items ({@code ma_used}). */
    public long size(long dict) {
        return ObjectHeader.boundedSize(memory.readLong(dict + used), dict);
    }

    /** Entries in storage order (insertion order for 3.6+), at most {@code max}. */
    public List<DictEntry> entries(long dict, int max) {
        return storage.entries(memory, dict, max);
    }

    /**
     * Looks a str key up by comparing names (the target's hashes are salted, so they cannot be
     * computed here); 0 when absent. The keys' headers, with the characters of short names, are
     * read in one batch: a lookup in sys.modules costs one system call, not two per module.
     */
    public long lookup(long dict, String key) {
        return lookupAll(dict, Set.of(key)).getOrDefault(key, 0L);
    }

    /** Several str keys looked up in one pass over the dict (see {@link #lookup}); absent keys are left out. */
    public Map<String, Long> lookupAll(long dict, Set<String> keys) {
        List<DictEntry> entries = entries(dict, Integer.MAX_VALUE);
        ReadBatch batch = new ReadBatch();
        List<ReadBatch.Request> heads = new ArrayList<>(entries.size());
        for (DictEntry e : entries) {
            heads.add(batch.add(e.key(), strings.nameHeadSize()));
        }
        memory.read(batch);
        Map<String, Long> found = new HashMap<>();
        for (int i = 0; i < entries.size() && found.size() < keys.size(); i++) {
            DictEntry e = entries.get(i);
            try {
                String name = strings.keyName(e.key(), heads.get(i));
                if (name != null && keys.contains(name)) {
                    found.putIfAbsent(name, e.value());
                }
            } catch (MemoryReadException ignored) {
                // A key we cannot read is not one we look for.
            }
        }
        return found;
    }
}
